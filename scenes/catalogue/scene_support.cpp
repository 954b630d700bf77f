// SPDX-License-Identifier: MIT
#include "scene_support.h"

namespace mpstage::scenes {

std::string pythonRange(long n)
{
    std::string out = "[";
    for (long i = 1; i <= n; ++i)
        out += (i > 1 ? ", " : "") + std::to_string(i);
    return out + "]";
}

Verdict expectPrinted(const RunResult& result, const std::string& expected)
{
    if (result.hung)
        return { false, "the run hung: " + (result.hangSentences.empty() ? std::string() : result.hangSentences.front()) };
    if (result.timedOut)
        return { false, "the run did not finish in time" };
    if (result.allPrinted != expected)
        return { false, "printed\n" + result.allPrinted + "instead of\n" + expected };
    if (result.mainExitCode != 0)
        return { false, "MainProcess exited with code " + std::to_string(result.mainExitCode) };
    return { true, "completed and printed what the Python program prints" };
}

Verdict expectHang(const RunResult& result, const std::vector<std::string>& mustMention)
{
    if (!result.hung)
        return { false, result.timedOut ? "the run neither finished nor was recognised as hung" : "the run finished instead of hanging" };
    std::string all;
    for (const auto& s : result.hangSentences)
        all += s + "\n";
    for (const auto& word : mustMention)
        if (all.find(word) == std::string::npos)
            return { false, "the hang explanation does not mention '" + word + "': " + all };
    return { true, "hung, and the explanation says why: " + all.substr(0, all.size() - 1) };
}

} // namespace mpstage::scenes
