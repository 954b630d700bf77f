// SPDX-License-Identifier: MIT
// get() reads the queue's pipe ahead into a buffer every reader shares (core/src/queue_read_ahead.h); so does a
// SimpleQueue's get() in an unobserved run. What
// CPython's two-reads-per-message get() guarantees must still hold: messages whole, in order, each to exactly
// one reader, a message larger than the buffer intact, and buffered messages count for empty() and for a
// non-blocking or timed get().
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/queues.h>

#include "leftovers.h"

#include <set>
#include <string>
#include <type_traits>

namespace {

class QueueReadAheadTest : public mptest::NoLeftovers { };

// Puts `items` from a child process that closes the queue and waits for its feeder, so that once the child
// has been joined every item is in the pipe (or already read ahead).
void putFromChild(mp::Queue q, std::vector<mp::Object> items)
{
    mp::Process child([q, items]() mutable {
        for (const mp::Object& item : items)
            q.put(item);
        q.close();
        q.join_thread();
    });
    child.start();
    child.join();
    ASSERT_EQ(child.exitcode(), 0);
}

TEST_F(QueueReadAheadTest, BufferedMessagesAreNotEmptyAndNeedNoWait)
{
    mp::Queue sut;
    putFromChild(sut, { 4, 5 });

    EXPECT_EQ(sut.get(), mp::Object(4)); // one read() takes both messages out of the pipe
    EXPECT_FALSE(sut.empty()); // the pipe is empty now, the queue is not
    EXPECT_EQ(sut.get_nowait(), mp::Object(5));
    EXPECT_TRUE(sut.empty());
    EXPECT_THROW(sut.get_nowait(), mp::Empty);
}

// A child puts 1, a message larger than the read-ahead buffer, and 3: they arrive whole and in order.
template <typename Q> void aLargeMessageArrivesWholeBetweenSmallOnes(Q sut)
{
    const std::string big(300'000, 'x');
    mp::Process child([sut, big]() mutable {
        sut.put(1);
        sut.put(mp::Bytes(big)); // needs the reader: the big message does not fit the pipe
        sut.put(3);
        if constexpr (std::is_same_v<Q, mp::Queue>) {
            sut.close();
            sut.join_thread();
        }
    });
    child.start();

    EXPECT_EQ(sut.get(), mp::Object(1));
    EXPECT_EQ(sut.get(), mp::Object(mp::Bytes(big)));
    EXPECT_EQ(sut.get(), mp::Object(3));
    child.join();
    EXPECT_EQ(child.exitcode(), 0);
}

TEST_F(QueueReadAheadTest, AMessageLargerThanTheBufferArrivesWholeBetweenSmallOnes)
{
    aLargeMessageArrivesWholeBetweenSmallOnes(mp::Queue());
}

// Three reader processes get from `sut` while this process puts: every message reaches exactly one of them.
template <typename Q> void eachMessageReachesOneOfSeveralReaders(Q sut)
{
    constexpr int ITEMS = 3000;
    mp::Queue seen;
    std::vector<mp::Process> readers;
    for (int r = 0; r < 3; ++r)
        readers.emplace_back([sut, seen]() mutable {
            for (int i = 0; i < ITEMS / 3; ++i)
                seen.put(sut.get());
        });
    for (mp::Process& p : readers)
        p.start();
    for (int i = 0; i < ITEMS; ++i)
        sut.put(i);

    std::set<std::int64_t> got;
    for (int i = 0; i < ITEMS; ++i)
        got.insert(seen.get().as_int());
    for (mp::Process& p : readers)
        p.join();

    EXPECT_EQ(got.size(), static_cast<std::size_t>(ITEMS)); // none twice, none lost
    EXPECT_EQ(*got.begin(), 0);
    EXPECT_EQ(*got.rbegin(), ITEMS - 1);
}

TEST_F(QueueReadAheadTest, ReadersInSeveralProcessesEachGetDifferentMessages)
{
    eachMessageReachesOneOfSeveralReaders(mp::Queue());
}

// SimpleQueue reads ahead the same way when the run is not observed.

TEST_F(QueueReadAheadTest, SimpleQueueBufferedMessagesAreNotEmpty)
{
    mp::SimpleQueue sut;
    mp::Process child([sut]() mutable {
        sut.put(4);
        sut.put(5); // no feeder: both are in the pipe once the child has exited
    });
    child.start();
    child.join();
    ASSERT_EQ(child.exitcode(), 0);

    EXPECT_EQ(sut.get(), mp::Object(4)); // one read() takes both messages out of the pipe
    EXPECT_FALSE(sut.empty()); // the pipe is empty now, the queue is not
    EXPECT_EQ(sut.get(), mp::Object(5));
    EXPECT_TRUE(sut.empty());
}

TEST_F(QueueReadAheadTest, SimpleQueueLargeMessageArrivesWholeBetweenSmallOnes)
{
    aLargeMessageArrivesWholeBetweenSmallOnes(mp::SimpleQueue());
}

TEST_F(QueueReadAheadTest, SimpleQueueReadersInSeveralProcessesEachGetDifferentMessages)
{
    eachMessageReachesOneOfSeveralReaders(mp::SimpleQueue());
}

} // namespace
