// SPDX-License-Identifier: MIT
#pragma once
// A saved run (File > Save run…, File > Open run…): one JSON line {"mpstage_run":1,"scene":ID,"params":{k:v}}
// (and, when the class predicted before the run, "predictions":[{"question":TEXT,"choices":[TEXT,...],
// "chosen":INDEX or -1,"counts":[N,...]}], which a file without it simply lacks) followed by the telemetry stream
// exactly as mpstage-host sent it, header included, so a saved run decodes with the same Decoder as a live one
// (core/TELEMETRY.md) and replays without starting any process. Plain C++, no Qt.

#include <mp/telemetry/event.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mpstage::replay {

inline constexpr int RUN_FILE_VERSION = 1;

// A question of the scene as it was asked before the run (predict, then reveal), and what the class said.
struct SavedPrediction {
    std::string question; // as shown, with the parameters filled in
    std::vector<std::string> choices;
    int chosen = -1; // the choice the class settled on, -1 if none
    std::vector<int> counts; // how many chose each choice, as typed in (0 when not counted)

    friend bool operator==(const SavedPrediction&, const SavedPrediction&) = default;
};

struct RunFile {
    std::string scene;
    std::vector<std::pair<std::string, std::string>> params;
    std::string stream; // the telemetry bytes, stream header first
    std::vector<SavedPrediction> predictions; // what the class predicted before the run (none: not asked)
};

struct LoadedRun {
    std::string scene;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<mp::telemetry::Event> events;
    std::string stream; // as in the file, so the run can be saved or exported again
    std::vector<SavedPrediction> predictions;
};

// What is wrong with a run file, in words; offset is the byte in the file (0 for the first line's problems).
class RunFileError : public std::runtime_error {
public:
    RunFileError(const std::string& what, std::uint64_t offset)
        : std::runtime_error(what)
        , m_offset(offset)
    {
    }
    std::uint64_t offset() const noexcept { return m_offset; }

private:
    std::uint64_t m_offset;
};

std::string writeRunFile(const RunFile& run);
// Throws RunFileError for a file that is not a saved run, of another version, truncated or garbled.
LoadedRun readRunFile(std::string_view bytes);

// The run as Chrome trace-event JSON (mp::telemetry::TraceWriter), for Perfetto or chrome://tracing.
std::string chromeTrace(const std::vector<mp::telemetry::Event>& events);

// The bytes of a live run as they arrive, up to a limit (a run that streams for ever is not saved whole).
class Recording {
public:
    // About a million events: a run the timeline keeps whole (RunRecord::MAX_EVENTS) always fits.
    static constexpr std::size_t LIMIT = 64u << 20;
    void add(std::string_view bytes);
    const std::string& bytes() const { return m_bytes; }
    bool overflowed() const { return m_overflowed; }

private:
    std::string m_bytes;
    bool m_overflowed = false;
};

} // namespace mpstage::replay
