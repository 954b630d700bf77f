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
    nlohmann::ordered_json head { { "mpstage_run", RUN_FILE_VERSION }, { "scene", run.scene }, { "params", params } };
    if (!run.predictions.empty()) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const SavedPrediction& p : run.predictions)
            list.push_back({ { "question", p.question }, { "choices", p.choices }, { "chosen", p.chosen },
                { "counts", p.counts } });
        head["predictions"] = list;
    }
    std::string out = head.dump() + '\n';
    out += run.stream;
    return out;
}

namespace {

std::vector<SavedPrediction> predictionsOf(const nlohmann::ordered_json& list)
{
    const auto bad = [](const std::string& what) { return RunFileError("the run file's \"predictions\" " + what, 0); };
    if (!list.is_array())
        throw bad("is not a list");
    std::vector<SavedPrediction> out;
    for (const auto& p : list) {
        if (!p.is_object() || !p.contains("question") || !p["question"].is_string() || !p.contains("choices")
            || !p["choices"].is_array())
            throw bad("needs a \"question\" and its \"choices\" in each entry");
        SavedPrediction s;
        s.question = p["question"].get<std::string>();
        for (const auto& c : p["choices"]) {
            if (!c.is_string())
                throw bad("has a choice that is not text");
            s.choices.push_back(c.get<std::string>());
        }
        const auto n = static_cast<std::int64_t>(s.choices.size());
        if (p.contains("chosen")) {
            if (!p["chosen"].is_number_integer() || p["chosen"].get<std::int64_t>() < -1
                || p["chosen"].get<std::int64_t>() >= n)
                throw bad("has a \"chosen\" that is not one of its choices");
            s.chosen = p["chosen"].get<int>();
        }
        s.counts.assign(s.choices.size(), 0);
        if (p.contains("counts")) {
            const auto& counts = p["counts"];
            if (!counts.is_array() || counts.size() != s.choices.size())
                throw bad("needs one count per choice");
            for (std::size_t i = 0; i < counts.size(); ++i) {
                if (!counts[i].is_number_integer() || counts[i].get<std::int64_t>() < 0
                    || counts[i].get<std::int64_t>() > 100000)
                    throw bad("has a count that is not a number from 0 to 100000");
                s.counts[i] = counts[i].get<int>();
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

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
    if (head.contains("predictions"))
        run.predictions = predictionsOf(head["predictions"]);
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
