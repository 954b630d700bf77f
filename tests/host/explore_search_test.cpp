// SPDX-License-Identifier: MIT
// The explorer's searches over a made-up program: processes that each take a fixed list of steps, all of
// them waiting at a gate until they are done. No real processes here; host_explore_test.cpp runs the real
// ones.
#include "explore_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using mpstage::DfsSearch;
using mpstage::IterativeDfsSearch;
using mpstage::PctSearch;
using mpstage::Search;

// Two processes, A (1) and B (2), each doing `x += 1` as a read and then a write: the lost-update program.
struct FakeRun {
    std::string order; // "ABAB": who stepped
    int x = 0;
};

FakeRun runOnce(Search& search, const std::vector<int>& stepsEach)
{
    FakeRun run;
    std::vector<int> done(stepsEach.size(), 0);
    std::vector<int> seen(stepsEach.size(), 0);
    std::uint32_t last = 0;
    for (;;) {
        std::vector<std::uint32_t> enabled;
        for (std::size_t i = 0; i < stepsEach.size(); ++i)
            if (done[i] < stepsEach[i])
                enabled.push_back(static_cast<std::uint32_t>(i + 1));
        if (enabled.empty())
            return run;
        const std::uint32_t pick = search.choose(enabled, last);
        EXPECT_NE(std::find(enabled.begin(), enabled.end(), pick), enabled.end()) << "chose one not waiting";
        const std::size_t i = pick - 1;
        if (done[i] % 2 == 0)
            seen[i] = run.x; // the read
        else
            run.x = seen[i] + 1; // the write
        ++done[i];
        run.order += static_cast<char>('A' + i);
        last = pick;
    }
}

std::vector<FakeRun> explore(Search& search, const std::vector<int>& stepsEach, int limit = 10000)
{
    std::vector<FakeRun> runs;
    do
        runs.push_back(runOnce(search, stepsEach));
    while (static_cast<int>(runs.size()) < limit && search.nextRun());
    return runs;
}

std::set<std::string> orders(const std::vector<FakeRun>& runs)
{
    std::set<std::string> out;
    for (const auto& r : runs)
        out.insert(r.order);
    return out;
}

TEST(DfsSearchTest, BoundZeroTriesOnlyTheSchedulesThatNeverPreempt)
{
    DfsSearch sut(0);

    const auto runs = explore(sut, { 2, 2 });

    // Switching is free only when the one that stepped has finished: each runs to its end.
    EXPECT_EQ(orders(runs), (std::set<std::string> { "AABB", "BBAA" }));
    EXPECT_EQ(runs.size(), 2U);
    EXPECT_TRUE(sut.complete());
}

TEST(DfsSearchTest, EachPreemptionAllowedAddsTheSchedulesThatUseIt)
{
    DfsSearch one(1);
    DfsSearch two(2);

    const auto withOne = explore(one, { 2, 2 });
    const auto withTwo = explore(two, { 2, 2 });

    EXPECT_EQ(orders(withOne), (std::set<std::string> { "AABB", "ABBA", "BAAB", "BBAA" }));
    EXPECT_EQ(withOne.size(), 4U); // none twice
    EXPECT_EQ(orders(withTwo), (std::set<std::string> { "AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA" }));
    EXPECT_EQ(withTwo.size(), 6U);
}

TEST(DfsSearchTest, FindsTheLostUpdateAndItsShareOfTheInterleavings)
{
    DfsSearch sut(2);

    const auto runs = explore(sut, { 2, 2 });

    // Both reads before either write: ABAB, ABBA, BAAB, BABA lose one of the two updates.
    const auto lost = std::count_if(runs.begin(), runs.end(), [](const FakeRun& r) { return r.x == 1; });
    EXPECT_EQ(lost, 4);
    EXPECT_EQ(runs.size(), 6U);
    EXPECT_EQ(sut.used(), 0) << "the last schedule tried, BBAA, preempts nobody";
}

TEST(DfsSearchTest, CountsThePreemptionsOfTheRunJustFinished)
{
    DfsSearch sut(5);
    std::map<std::string, int> used;

    do
        used[runOnce(sut, { 2, 2 }).order] = sut.used();
    while (sut.nextRun());

    EXPECT_EQ(used["AABB"], 0);
    EXPECT_EQ(used["ABBA"], 1);
    EXPECT_EQ(used["ABAB"], 2);
    EXPECT_EQ(used["BABA"], 2);
}

TEST(DfsSearchTest, ThreeProcessesWithoutABoundGiveEveryInterleaving)
{
    DfsSearch sut(100);

    const auto runs = explore(sut, { 2, 2, 2 });

    EXPECT_EQ(runs.size(), 90U); // 6! / (2! 2! 2!)
    EXPECT_EQ(orders(runs).size(), 90U);
}

TEST(DfsSearchTest, ARunThatLeavesItsPrefixIsCountedAndTheSearchGoesOn)
{
    DfsSearch sut(1);
    // First run: A and B both waiting, twice. Replaying it, the second choice point offers only B.
    EXPECT_EQ(sut.choose({ 1, 2 }, 0), 1U);
    EXPECT_EQ(sut.choose({ 1, 2 }, 1), 1U);
    ASSERT_TRUE(sut.nextRun());
    EXPECT_EQ(sut.diverged(), 0);
    EXPECT_EQ(sut.choose({ 1, 2 }, 0), 1U); // the prefix
    EXPECT_EQ(sut.choose({ 2 }, 1), 2U); // not what the first run saw here

    sut.nextRun();

    EXPECT_EQ(sut.diverged(), 1);
}

TEST(DfsSearchTest, BoundedSearchEndsOnALongerProgram)
{
    DfsSearch sut(1);

    const auto runs = explore(sut, { 6, 6, 6 });

    EXPECT_TRUE(sut.complete());
    EXPECT_EQ(orders(runs).size(), runs.size()) << "no schedule tried twice";
    for (const auto& r : runs)
        EXPECT_EQ(r.order.size(), 18U);
}

TEST(IterativeDfsSearchTest, TriesEveryScheduleOnceFewestPreemptionsFirst)
{
    IterativeDfsSearch sut(2);
    std::vector<std::string> fresh;
    std::vector<int> used;
    int runs = 0;

    do {
        const FakeRun r = runOnce(sut, { 2, 2 });
        ++runs;
        if (sut.isNew()) {
            fresh.push_back(r.order);
            used.push_back(sut.used());
        }
    } while (sut.nextRun());

    EXPECT_EQ(std::set<std::string>(fresh.begin(), fresh.end()),
        (std::set<std::string> { "AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA" }));
    EXPECT_EQ(fresh.size(), 6U) << "each schedule counted once";
    EXPECT_TRUE(std::is_sorted(used.begin(), used.end())) << "none with more preemptions before one with fewer";
    EXPECT_EQ(runs, 2 + 4 + 6); // each level replays the ones below it
    EXPECT_TRUE(sut.complete());
}

TEST(IterativeDfsSearchTest, FindsTheLostUpdateAfterEveryScheduleWithoutPreemption)
{
    IterativeDfsSearch sut(2);
    int run = 0;
    bool found = false;

    // Three processes, one increment each: no schedule without a preemption loses anything (each
    // process runs its read and write together), and there are 3! of those.
    do {
        ++run;
        found = runOnce(sut, { 2, 2, 2 }).x < 3;
    } while (!found && sut.nextRun());

    ASSERT_TRUE(found);
    EXPECT_EQ(sut.used(), 1);
    // Level 0's six, then level 1 retraces AABBCC and its first preemption (AABCBC: B and C both read 1)
    // loses C's or B's update.
    EXPECT_EQ(run, 6 + 2);
}

TEST(IterativeDfsSearchTest, StopsOnceALevelAddsNothing)
{
    IterativeDfsSearch sut(20);
    int runs = 0;

    do {
        runOnce(sut, { 2, 2 });
        ++runs;
    } while (sut.nextRun());

    EXPECT_TRUE(sut.complete());
    EXPECT_EQ(runs, 2 + 4 + 6 + 6) << "levels 0, 1, 2, and 3, which adds nothing: no schedule has 3";
}

TEST(PctSearchTest, TheSameSeedGivesTheSameSchedules)
{
    PctSearch a(42, 30, 2);
    PctSearch b(42, 30, 2);
    PctSearch other(43, 30, 2);

    const auto runsA = explore(a, { 2, 2, 2 });
    const auto runsB = explore(b, { 2, 2, 2 });
    const auto runsOther = explore(other, { 2, 2, 2 });

    ASSERT_EQ(runsA.size(), 30U);
    std::vector<std::string> seqA, seqB, seqOther;
    for (std::size_t i = 0; i < 30; ++i) {
        seqA.push_back(runsA[i].order);
        seqB.push_back(runsB[i].order);
        seqOther.push_back(runsOther[i].order);
    }
    EXPECT_EQ(seqA, seqB);
    EXPECT_NE(seqA, seqOther);
}

TEST(PctSearchTest, RandomPrioritiesWithAChangeFindTheLostUpdate)
{
    PctSearch sut(1, 50, 1);

    const auto runs = explore(sut, { 2, 2 });

    EXPECT_EQ(runs.size(), 50U);
    const auto lost = std::count_if(runs.begin(), runs.end(), [](const FakeRun& r) { return r.x == 1; });
    EXPECT_GT(lost, 0);
    EXPECT_LT(lost, 50);
}

TEST(PctSearchTest, WithoutChangesEachRunLetsOneProcessFinishFirst)
{
    PctSearch sut(5, 20, 0);

    const auto runs = explore(sut, { 3, 3 });

    for (const auto& r : runs)
        EXPECT_TRUE(r.order == "AAABBB" || r.order == "BBBAAA") << r.order;
    EXPECT_EQ(sut.used(), 0);
}

} // namespace
