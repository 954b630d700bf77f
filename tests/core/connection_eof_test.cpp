// SPDX-License-Identifier: MIT
// EOF across real processes: it needs every copy of the write end closed, in every process (items 45-46),
// and the seeds' duplex adder server.
#include <mp/connection.h>
#include <mp/process.h>

#include "leftovers.h"

namespace {

class PipeEofTest : public mptest::NoLeftovers { };

TEST_F(PipeEofTest, RecvRaisesEofOnceEveryWriterClosed)
{
    auto [out, in] = mp::Pipe();
    mp::Process producer([&] {
        out.close();
        in.send(1);
        in.send(2);
        in.close();
    });
    producer.start();
    in.close(); // the parent's own copy of the write end

    EXPECT_EQ(out.recv(), mp::Object(1));
    EXPECT_EQ(out.recv(), mp::Object(2));
    EXPECT_THROW(out.recv(), mp::EOFError);
    EXPECT_THROW(out.recv(), mp::EOFError); // and again on every later recv
    producer.join();
    EXPECT_EQ(producer.exitcode(), 0);
}

TEST_F(PipeEofTest, AWriteEndStillOpenInTheReaderItselfHoldsBackEof)
{
    auto [out, in] = mp::Pipe();
    mp::Process producer([&] {
        out.close();
        in.send("last");
        in.close();
    });
    producer.start();
    // The reader forgets to close its own copy of `in`: the producer's close is not enough.
    EXPECT_EQ(out.recv(), mp::Object("last"));
    producer.join();
    EXPECT_FALSE(out.poll(0.3)) << "EOF arrived although the reader still holds a write end";

    in.close();

    EXPECT_TRUE(out.poll(0.3));
    EXPECT_THROW(out.recv(), mp::EOFError);
}

TEST_F(PipeEofTest, SeedAdderServerAnswersRequests)
{
    auto [server_p, client_p] = mp::Pipe();
    mp::Process adder([&] {
        client_p.close();
        for (;;) {
            mp::Object req;
            try {
                req = server_p.recv();
            } catch (const mp::EOFError&) {
                break;
            }
            const mp::tuple& xy = req.as_tuple();
            if (xy[0].is_str())
                server_p.send(xy[0].as_str() + xy[1].as_str());
            else
                server_p.send(xy[0].as_int() + xy[1].as_int());
        }
    });
    adder.start();
    server_p.close();

    client_p.send(mp::tuple { 3, 4 });
    const mp::Object sum = client_p.recv();
    client_p.send(mp::tuple { "Hello", "World" });
    const mp::Object joined = client_p.recv();
    client_p.close();
    adder.join();

    EXPECT_EQ(mp::repr(sum), "7");
    EXPECT_EQ(mp::repr(joined), "'HelloWorld'");
    EXPECT_EQ(adder.exitcode(), 0);
}

TEST_F(PipeEofTest, OneMebibyteMessageCrossesAPipeSmallerThanIt)
{
    auto [r, w] = mp::Pipe(false);
    std::string big(1 << 20, '\0');
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>(i * 31 + 7);
    mp::Process sender([&] {
        r.close();
        w.send_bytes(big);
        w.send(mp::Bytes(big));
    });
    sender.start();
    w.close();

    const mp::Bytes raw = r.recv_bytes();
    const mp::Object obj = r.recv();
    sender.join();

    EXPECT_EQ(raw.str(), big);
    EXPECT_EQ(obj.as_bytes().str(), big);
}

TEST_F(PipeEofTest, EofPartWayThroughAMessageIsAnOSError)
{
    auto [r, w] = mp::Pipe(false);
    const char partial[] = { 0, 0, 0, 10, 'a', 'b' }; // says 10 bytes, brings 2
    ASSERT_EQ(::write(w.fileno(), partial, sizeof partial), static_cast<ssize_t>(sizeof partial));
    w.close();
    try {
        r.recv_bytes();
        FAIL() << "no error";
    } catch (const mp::OSError& e) {
        EXPECT_STREQ(e.what(), "got end of file during message");
    }
}

} // namespace
