// SPDX-License-Identifier: MIT
// Every scene of the catalogue, at its defaults and in each of its variants, run for real and checked
// against the outcome it declares.
#include <mpstage/catalogue.h>

#include "leftovers.h"
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

class SceneRunTest : public mptest::NoLeftovers, public ::testing::WithParamInterface<Case> { };

TEST_P(SceneRunTest, ShowsTheOutcomeItDeclares)
{
    const Case& c = GetParam();
    const mpstage::Scene& scene = *mpstage::findScene(c.scene);
    const mpstage::ParamValues params = mpstage::parseParams(scene.params, c.params);
    mpstage::RunOptions options;
    options.timeoutS = 20;
    // A race gets a few runs to show its usual outcome (Scene::race); anything else must show it every time.
    const int attempts = scene.race ? 5 : 1;
    mpstage::RunReport report;
    mpstage::Verdict verdict;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        report = mpstage::Supervisor(scene, params, options).run();
        ASSERT_TRUE(report.error.empty()) << report.error;
        verdict = scene.check(report.result, params);
        if (verdict.ok)
            break;
    }
    EXPECT_TRUE(verdict.ok) << scene.expected(params).words << "\nbut: " << verdict.words;
    const mpstage::OutcomeKind kind = scene.expected(params).kind;
    EXPECT_EQ(report.result.hung, kind == mpstage::OutcomeKind::Hangs);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, SceneRunTest, ::testing::ValuesIn(allCases()), caseName);

TEST(CatalogueTest, EveryListingMarksTheLinesItsSceneReports)
{
    for (const mpstage::Scene& s : mpstage::catalogue()) {
        const auto params = mpstage::parseParams(s.params, {});
        EXPECT_FALSE(s.listing(params).empty()) << s.id;
        EXPECT_FALSE(s.title.empty() || s.summary.empty() || s.narration.look.empty() || s.narration.predict.empty()
            || s.narration.explain.empty())
            << s.id;
        EXPECT_FALSE(s.tags.empty()) << s.id;
    }
}

TEST(CatalogueTest, IdsAreUniqueAndTheDefaultSceneExists)
{
    std::set<std::string> ids;
    for (const mpstage::Scene& s : mpstage::catalogue())
        EXPECT_TRUE(ids.insert(s.id).second) << "duplicate id " << s.id;
    EXPECT_NE(mpstage::findScene(mpstage::DEFAULT_SCENE), nullptr);
}

} // namespace
