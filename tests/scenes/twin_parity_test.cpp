// SPDX-License-Identifier: MIT
// Issue 17, until the C++ twins are deleted: every catalogue scene that has a shipped Python scene file of
// the same id (scenes/programs/) declares the same scene there (title, summary, tags, difficulty, narration,
// parameters with their labels, variants, expected outcome), and both, run for real at the defaults and in
// each variant, show the outcome they declare, hang alike, and print the same where the C++ scene's output is
// deterministic.
#include <mpstage/catalogue.h>

#include "leftovers.h"
#include "program_scene.h"
#include "supervisor.h"

namespace {

struct Case {
    std::string scene;
    std::string variant;
    std::vector<std::pair<std::string, std::string>> params;
};

std::vector<Case> allCases()
{
    std::vector<Case> out;
    for (const mpstage::Scene& s : mpstage::catalogue()) {
        if (mpstage::shippedProgram(s.id).empty())
            continue;
        out.push_back({ s.id, "defaults", {} });
        for (const auto& v : s.variants)
            out.push_back({ s.id, v.name, v.params });
    }
    return out;
}

std::string caseName(const ::testing::TestParamInfo<Case>& info)
{
    std::string name = info.param.scene + "_" + info.param.variant;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

struct Shown {
    mpstage::RunReport report;
    mpstage::Verdict verdict;
};

// A race gets a few runs to show its usual outcome, as in scene_runs_test.
Shown runUntilShown(const mpstage::Scene& scene, const mpstage::ParamValues& params)
{
    mpstage::RunOptions options;
    options.timeoutS = 20;
    Shown shown;
    for (int attempt = 0; attempt < (scene.race ? 5 : 1); ++attempt) {
        shown.report = mpstage::Supervisor(scene, params, options).run();
        shown.verdict = scene.check(shown.report.result, params);
        if (shown.verdict.ok)
            break;
    }
    return shown;
}

class TwinParityTest : public mptest::NoLeftovers, public ::testing::WithParamInterface<Case> { };

// The sanitizer presets build only the C++ test binaries and mpstage-host (CMakePresets.json), not the engine's
// Python module the Python twin runs on: the dev stage runs this test.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MPSTAGE_WITHOUT_PYTHON_MODULE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MPSTAGE_WITHOUT_PYTHON_MODULE 1
#endif
#endif

TEST_P(TwinParityTest, ThePythonFileShowsWhatItsCppTwinShows)
{
#ifdef MPSTAGE_WITHOUT_PYTHON_MODULE
    GTEST_SKIP() << "a sanitizer build has no Python module to run the Python twin on";
#endif
    const Case& c = GetParam();
    const mpstage::Scene& twin = *mpstage::findScene(c.scene);
    const auto file = mpstage::programScene(mpstage::shippedProgram(c.scene));
    const mpstage::ParamValues params = mpstage::parseParams(twin.params, c.params);
    const mpstage::ParamValues fileParams = mpstage::parseParams(file->params, c.params);
    EXPECT_EQ(fileParams.raw(), params.raw()); // the same parameters with the same defaults
    EXPECT_EQ(file->expected(fileParams).kind, twin.expected(params).kind);

    const Shown cpp = runUntilShown(twin, params);
    const Shown python = runUntilShown(*file, fileParams);

    ASSERT_TRUE(cpp.report.error.empty()) << cpp.report.error;
    ASSERT_TRUE(python.report.error.empty()) << python.report.error;
    EXPECT_TRUE(cpp.verdict.ok) << "C++: " << cpp.verdict.words;
    EXPECT_TRUE(python.verdict.ok) << "Python: " << python.verdict.words;
    EXPECT_EQ(python.report.result.hung, cpp.report.result.hung);
    if (twin.parity == mpstage::Parity::SamePrints && !cpp.report.result.hung) {
        EXPECT_EQ(python.report.result.allPrinted, cpp.report.result.allPrinted);
    }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, TwinParityTest, ::testing::ValuesIn(allCases()), caseName);

TEST(TwinParityTest, ThePythonFileDeclaresTheSameScene)
{
    int twins = 0;
    for (const mpstage::Scene& twin : mpstage::catalogue()) {
        const std::string path = mpstage::shippedProgram(twin.id);
        if (path.empty())
            continue;
        ++twins;
        const auto file = mpstage::programScene(path);
        EXPECT_EQ(file->title, twin.title) << twin.id;
        EXPECT_EQ(file->summary, twin.summary) << twin.id;
        EXPECT_EQ(file->tags, twin.tags) << twin.id;
        EXPECT_EQ(file->difficulty, twin.difficulty) << twin.id;
        EXPECT_EQ(file->narration.look, twin.narration.look) << twin.id;
        EXPECT_EQ(file->narration.predict, twin.narration.predict) << twin.id;
        EXPECT_EQ(file->narration.explain, twin.narration.explain) << twin.id;
        EXPECT_EQ(file->race, twin.race) << twin.id;
        ASSERT_EQ(file->params.size(), twin.params.size()) << twin.id;
        for (std::size_t i = 0; i < twin.params.size(); ++i) {
            const mpstage::ParamSpec& a = file->params[i];
            const mpstage::ParamSpec& b = twin.params[i];
            EXPECT_EQ(a.key, b.key) << twin.id;
            EXPECT_EQ(a.label, b.label) << twin.id << " " << b.key;
            EXPECT_EQ(a.type, b.type) << twin.id << " " << b.key;
            EXPECT_EQ(a.defaultValue, b.defaultValue) << twin.id << " " << b.key;
            EXPECT_EQ(a.help, b.help) << twin.id << " " << b.key;
            EXPECT_EQ(a.choices, b.choices) << twin.id << " " << b.key;
            if (b.type == mpstage::ParamType::Int || b.type == mpstage::ParamType::Float) {
                EXPECT_EQ(a.min, b.min) << twin.id << " " << b.key;
                EXPECT_EQ(a.max, b.max) << twin.id << " " << b.key;
            }
        }
        ASSERT_EQ(file->variants.size(), twin.variants.size()) << twin.id;
        for (std::size_t i = 0; i < twin.variants.size(); ++i) {
            EXPECT_EQ(file->variants[i].name, twin.variants[i].name) << twin.id;
            EXPECT_EQ(file->variants[i].params, twin.variants[i].params) << twin.id;
        }
    }
    EXPECT_GT(twins, 0) << "no catalogue scene has a shipped Python file";
}

} // namespace
