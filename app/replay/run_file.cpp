// SPDX-License-Identifier: MIT
#include "replay/run_file.h"

#include <mp/telemetry/trace.h>
#include <mp/telemetry/wire.h>

#include <nlohmann/json.hpp>

namespace mpstage::replay {

using mp::telemetry::DecodeError;
using mp::telemetry::Decoder;

std::string writeRunFile(const RunFile& run)
{
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    for (const auto& [k, v] : run.params)
        params[k] = v;
    const nlohmann::ordered_json head { { "mpstage_run", RUN_FILE_VERSION }, { "scene", run.scene },
        { "params", params } };
    std::string out = head.dump() + '\n';
    out += run.stream;
    return out;
}

LoadedRun readRunFile(std::string_view bytes)
{
    const std::size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos)
        throw RunFileError("this is not a saved mpstage run (no header line)", 0);
    nlohmann::ordered_json head;
    try {
        head = nlohmann::ordered_json::parse(bytes.substr(0, nl));
    } catch (const nlohmann::json::exception&) {
        throw RunFileError("this is not a saved mpstage run (its first line is not JSON)", 0);
    }
    if (!head.is_object() || !head.contains("mpstage_run"))
        throw RunFileError("this is not a saved mpstage run (no \"mpstage_run\" in its first line)", 0);
    if (!head["mpstage_run"].is_number_integer() || head["mpstage_run"].get<std::int64_t>() != RUN_FILE_VERSION)
        throw RunFileError("the run was saved in format version " + head["mpstage_run"].dump()
                + "; this mpstage reads version " + std::to_string(RUN_FILE_VERSION),
            0);
    LoadedRun run;
    if (!head.contains("scene") || !head["scene"].is_string())
        throw RunFileError("the run file does not say which scene it is", 0);
    run.scene = head["scene"].get<std::string>();
    if (head.contains("params")) {
        if (!head["params"].is_object())
            throw RunFileError("the run file's \"params\" is not an object", 0);
        for (const auto& [k, v] : head["params"].items())
            run.params.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    }
    const std::uint64_t base = nl + 1;
    Decoder decoder;
    try {
        decoder.feed(bytes.substr(nl + 1));
        while (auto e = decoder.next())
            run.events.push_back(std::move(*e));
        decoder.finish();
    } catch (const DecodeError& e) {
        // The Decoder counts bytes from the start of the stream, which starts after the header line.
        throw RunFileError(
            "the telemetry stream (from byte " + std::to_string(base) + " of the file) is damaged: " + e.what(),
            base + e.offset());
    }
    run.stream = std::string(bytes.substr(nl + 1));
    return run;
}

std::string chromeTrace(const std::vector<mp::telemetry::Event>& events)
{
    mp::telemetry::World world;
    mp::telemetry::TraceWriter trace;
    for (const auto& e : events) {
        trace.add(world, e);
        world.apply(e);
    }
    return trace.json();
}

void Recording::add(std::string_view bytes)
{
    if (m_overflowed)
        return;
    if (m_bytes.size() + bytes.size() > LIMIT) {
        m_overflowed = true; // it cannot be saved whole: keep none of it
        std::string().swap(m_bytes);
        return;
    }
    m_bytes.append(bytes);
}

} // namespace mpstage::replay
