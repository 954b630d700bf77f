// SPDX-License-Identifier: MIT
// Stepping processes one chosen step at a time: a schedule that interleaves two `v.value += 1` between their
// read and their write loses an update every time; the same schedule with the lock held cannot.
#include <mpstage/catalogue.h>

#include "leftovers.h"
#include "supervisor.h"

namespace {

class ForcedScheduleTest : public mptest::NoLeftovers { };

// Process-1 passes its line gate and its `+=` gate, reads, and stops before writing; Process-2 does the
// same; then each writes. MainProcess is not named, so it runs freely.
std::vector<mpstage::ScheduleStep> readReadWriteWrite()
{
    return { { "Process-1", true }, { "Process-1", true }, { "Process-2", true }, { "Process-2", true },
        { "Process-1", true }, { "Process-2", true } };
}

mpstage::RunReport runWith(bool lock)
{
    const mpstage::Scene& scene = *mpstage::findScene("value-increment");
    const auto params = mpstage::parseParams(
        scene.params, { { "processes", "2" }, { "increments", "1" }, { "lock", lock ? "true" : "false" } });
    mpstage::RunOptions options;
    options.schedule = readReadWriteWrite();
    options.timeoutS = 20;
    return mpstage::Supervisor(scene, params, options).run();
}

TEST_F(ForcedScheduleTest, InterleavedReadsAndWritesLoseAnUpdateEveryTime)
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        const mpstage::RunReport sut = runWith(false);

        ASSERT_TRUE(sut.error.empty()) << sut.error;
        EXPECT_NE(sut.result.allPrinted.find("Final Data in parent process: <Synchronized wrapper for c_int(1)>"),
            std::string::npos)
            << sut.result.allPrinted;
        EXPECT_EQ(sut.grants.size(), 6U);
    }
}

TEST_F(ForcedScheduleTest, TheSameScheduleWithTheLockHeldLosesNothing)
{
    const mpstage::RunReport sut = runWith(true);

    ASSERT_TRUE(sut.error.empty()) << sut.error;
    EXPECT_NE(sut.result.allPrinted.find("Final Data in parent process: <Synchronized wrapper for c_int(2)>"),
        std::string::npos)
        << sut.result.allPrinted;
}

} // namespace
