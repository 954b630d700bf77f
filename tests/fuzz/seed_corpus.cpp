// SPDX-License-Identifier: MIT
// Writes the fuzzers' seed corpus from real output: dumps() of many objects (loads), framed messages as
// send()/send_bytes() put them on a pipe (framing), and telemetry streams recorded from mpstage-host
// serve (decoder). Regenerate with tests/fuzz/make_seed_corpus.sh after a format change.
#include <mp/pickle.h>
#include <mp/telemetry/wire.h>

#include "host_process.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

// GCC 12 warns that moving these Objects (std::variant) reads uninitialized members: a false positive of its
// -Wmaybe-uninitialized on variant moves at -O2, limited here to this one function.
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
std::vector<mp::Object> objects()
{
    using namespace mp;
    std::vector<Object> out;
    const auto add = [&](Object o) { out.push_back(std::move(o)); };
    const double inf = std::numeric_limits<double>::infinity();
    for (const std::int64_t i : { std::int64_t { 0 }, std::int64_t { 1 }, std::int64_t { -1 }, std::int64_t { 23 },
             std::int64_t { 24 }, std::int64_t { 255 }, std::int64_t { 256 }, std::int64_t { 65535 },
             std::int64_t { 65536 }, std::int64_t { -24 }, std::int64_t { -25 },
             std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min() })
        add(i);
    for (const double d : { 0.0, -0.0, 0.5, 1e300, inf, -inf, std::nan("") })
        add(d);
    for (const char* text : { "", "a", "Consumer done", "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x90\x8d" })
        add(std::string(text));
    add(None);
    add(true);
    add(false);
    add(std::string(300, 'x'));
    add(Bytes());
    add(Bytes(std::string("\x00\xff\x10", 3)));
    add(Bytes(std::string(5000, 'b')));
    add(list {});
    add(tuple {});
    add(dict {});
    add(list { 1, 2, 3 });
    add(tuple { 3, 4 });
    add(tuple { None });
    add(list { tuple { 1, "a" }, list {} });
    add(dict { { "a", 1 }, { "b", list { 2, 3 } } });
    add(dict { { "t", 1 } });
    add(dict { { "d", tuple {} } });
    add(dict { { "", None }, { "k", dict { { "nested", Bytes(std::string("z")) } } } });
    Object deep = 0;
    for (int i = 0; i < 200; ++i)
        deep = i % 2 ? Object(list { deep }) : Object(tuple { deep });
    add(deep);
    list many;
    for (int i = 0; i < 300; ++i)
        many.push_back(i * 1000);
    add(many);
    return out;
}
#pragma GCC diagnostic pop

// The frame CPython's Connection._send_bytes writes: !i length (or -1 and !Q length), then the payload.
std::string framed(const std::string& payload, bool longForm = false)
{
    std::string out;
    auto be = [&](std::uint64_t v, int bytes) {
        for (int i = bytes - 1; i >= 0; --i)
            out += static_cast<char>((v >> (8 * i)) & 0xff);
    };
    if (longForm) {
        be(0xffffffffU, 4);
        be(payload.size(), 8);
    } else {
        be(payload.size(), 4);
    }
    return out + payload;
}

void loadsSeeds(const fs::path& dir)
{
    int n = 0;
    for (const mp::Object& o : objects()) {
        char name[32];
        std::snprintf(name, sizeof name, "object-%02d.cbor", n++);
        write(dir / name, mp::dumps(o));
    }
}

void loadsRegressions(const fs::path& dir)
{
    // What the fuzzer found once: a str and a dict key that are not UTF-8, and a dict key given twice.
    write(dir / "found-str-not-utf8.cbor", std::string("\x62\xff\xfe", 3));
    write(dir / "found-key-not-utf8.cbor",
        std::string("\xa1\x61"
                    "d"
                    "\xa1\x61\xff\x01",
            7));
    write(dir / "found-repeated-key.cbor",
        std::string("\xa1\x61"
                    "d"
                    "\xa2\x61"
                    "a"
                    "\x01\x61"
                    "a"
                    "\x02",
            10));
}

void framingSeeds(const fs::path& dir)
{
    const auto all = objects();
    // Prefix: call (0 recv_bytes, 1 recv_bytes(maxlength), 2 recv, 3 recv_bytes_into; +4 socketpair),
    // then the size argument (maxlength or buffer size) and the recv_bytes_into offset.
    struct Seed {
        const char* name;
        std::string prefix;
        std::string stream;
    };
    std::string several;
    for (std::size_t i = 0; i < 12; ++i)
        several += framed(mp::dumps(all[i]));
    const std::vector<Seed> seeds = {
        { "recv-several", std::string("\x02\x00\x00", 3), several },
        { "recv-socket", std::string("\x06\x00\x00", 3), several },
        { "recv-tuple", std::string("\x02\x00\x00", 3), framed(mp::dumps(mp::tuple { 3, 4 })) },
        { "recv-long-form", std::string("\x02\x00\x00", 3), framed(mp::dumps(mp::Object("long form")), true) },
        { "bytes-empty-and-text", std::string("\x00\x00\x00", 3),
            framed("") + framed("hello") + framed(std::string(5000, 'p')) },
        { "bytes-maxlength", std::string("\x01\x10\x00", 3), framed("short") + framed(std::string(40, 'l')) },
        { "bytes-maxlength-socket", std::string("\x05\x10\x00", 3), framed("0123456789abcdef") + framed("x") },
        { "bytes-cut-in-payload", std::string("\x00\x00\x00", 3),
            framed("complete") + framed("cut here").substr(0, 7) },
        { "bytes-cut-in-header", std::string("\x00\x00\x00", 3), framed("complete") + std::string("\x00\x00", 2) },
        { "bytes-negative-length", std::string("\x00\x00\x00", 3), std::string("\xff\xff\xff\xfe", 4) + "rest" },
        { "into-fits", std::string("\x03\x20\x04", 3), framed("fits in 28") + framed(std::string(28, 'f')) },
        { "into-too-short", std::string("\x07\x08\x02", 3), framed("does not fit in six") },
        { "into-bad-offset", std::string("\x03\x04\x09", 3), framed("x") },
    };
    for (const Seed& s : seeds)
        write(dir / (std::string(s.name) + ".bin"), s.prefix + s.stream);
    // What the fuzzer found once (regressions): a 2 GiB and a 2**62-byte claim with four bytes behind them,
    // and an empty message received into an empty buffer.
    write(dir / "found-huge-length.bin", std::string("\x00\x00\x00\x7f\xff\xff\xfftiny", 11));
    write(dir / "found-huge-long-form.bin", std::string("\x00\x00\x00\xff\xff\xff\xff\x40\0\0\0\0\0\0\0tiny", 19));
    write(dir / "found-into-empty-buffer.bin", std::string("\x03\x00\x00", 3) + framed(""));
}

void decoderSeeds(const fs::path& dir)
{
    struct Run {
        const char* name;
        std::vector<std::string> args;
    };
    for (const Run& r : std::vector<Run> {
             { "serve-queue-sentinel", { "serve", "queue-sentinel" } },
             { "serve-pipe-eof", { "serve", "pipe-eof" } },
             { "serve-value-increment",
                 { "serve", "value-increment", "--param", "processes=2", "--param", "increments=3" } },
             { "serve-feeder-lag-counters", { "serve", "feeder-lag", "--detail", "counters" } },
         }) {
        const auto run = mptest::HostProcess::run(r.args, 60.0);
        if (run.exitCode != 0 || run.out.size() < mp::telemetry::STREAM_HEADER_SIZE) {
            std::fprintf(stderr, "%s failed (%d): %s\n", r.name, run.exitCode, run.err.c_str());
            std::exit(1);
        }
        write(dir / (std::string(r.name) + ".mpst"), run.out);
    }
    // A newer minor version with an event type this build does not know (it must be skipped and counted).
    std::string newer = mp::telemetry::streamHeader(mp::telemetry::VERSION_MINOR + 1);
    mp::telemetry::encodeFrame(newer, mp::telemetry::Event { .type = mp::telemetry::EventType::Line, .a = 7 });
    std::string unknown;
    mp::telemetry::encodeFrame(unknown, mp::telemetry::Event { .type = mp::telemetry::EventType::Line });
    unknown[2] = static_cast<char>(200);
    write(dir / "newer-minor.mpst", newer + unknown);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    const fs::path root(argv[1]);
    for (const char* sub : { "loads", "framing", "decoder" }) {
        fs::remove_all(root / sub);
        fs::create_directories(root / sub);
    }
    loadsSeeds(root / "loads");
    loadsRegressions(root / "loads");
    framingSeeds(root / "framing");
    decoderSeeds(root / "decoder");
    std::printf("seed corpus written to %s\n", root.c_str());
    return 0;
}
