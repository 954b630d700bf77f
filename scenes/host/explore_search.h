// SPDX-License-Identifier: MIT
#pragma once
// Which waiting process the explorer grants at each gate (mpstage-host explore). A run is a sequence of
// choice points: at each, the processes waiting at a gate (the enabled ones, by actor number) and the one
// that stepped last. A search picks one at each point, and after each run says whether there is another
// schedule to try. No processes here: the tests drive it over a made-up tree of choices.
//
// DfsSearch is CHESS's iterative context bounding: depth first over every choice, counting a preemption
// whenever it grants another process than the one that just stepped while that one could still step, and
// never going past `bound` of them in one run. Choosing among the waiting ones when the last one cannot
// step (it is blocked or gone) is free. Runs are replayed from the start (stateless), so a program whose
// processes do not do the same between the same gates makes a run leave its prefix: that is counted.
//
// IterativeDfsSearch is how CHESS uses it: every schedule with no preemption first, then those with one,
// and so on up to the bound, so the first bad schedule found is one with the fewest preemptions (and comes
// sooner). Reaching the schedules with k preemptions replays those with fewer again; isNew() tells them
// apart. It stops early once a level adds nothing (no schedule has more preemptions than that).
//
// PctSearch is PCT (Burckhardt et al., 2010): every process gets a random priority, the highest waiting
// one steps, and at `changes` random steps of the run the one stepping drops to the lowest priority.

#include <cstdint>
#include <random>
#include <vector>

namespace mpstage {

class Search {
public:
    virtual ~Search() = default;
    // One choice point of the current run: `enabled` is sorted and not empty, `last` is the actor that was
    // granted the previous step (0 at the first). Returns one of `enabled`.
    virtual std::uint32_t choose(const std::vector<std::uint32_t>& enabled, std::uint32_t last) = 0;
    // The run is over; false when there is no other schedule to try.
    virtual bool nextRun() = 0;
    // Preemptions (DFS) or priority changes (PCT) the run just finished used.
    virtual int used() const = 0;
};

class DfsSearch : public Search {
public:
    explicit DfsSearch(int bound);
    std::uint32_t choose(const std::vector<std::uint32_t>& enabled, std::uint32_t last) override;
    bool nextRun() override;
    int used() const override;
    // Runs so far whose choice points did not match the ones the run they were replayed from had.
    int diverged() const { return m_diverged; }
    // True once the whole tree within the bound has been tried (nextRun() returned false).
    bool complete() const { return m_complete; }

private:
    struct Point {
        std::vector<std::uint32_t> enabled;
        std::uint32_t last = 0;
        std::uint32_t chosen = 0;
        std::vector<std::uint32_t> tried;
        int preemptionsBefore = 0;
    };
    static bool preempts(const Point& p, std::uint32_t choice);

    int m_bound;
    std::vector<Point> m_points; // the current run's choices; its first m_prefix are replayed
    std::size_t m_prefix = 0;
    std::size_t m_at = 0;
    bool m_runDiverged = false;
    int m_diverged = 0;
    bool m_complete = false;
};

class IterativeDfsSearch : public Search {
public:
    explicit IterativeDfsSearch(int bound);
    std::uint32_t choose(const std::vector<std::uint32_t>& enabled, std::uint32_t last) override;
    bool nextRun() override;
    int used() const override { return m_level.used(); }
    // The run just finished has not been tried at a lower level (it uses exactly the current level's
    // number of preemptions).
    bool isNew() const { return m_level.used() == m_current; }
    int diverged() const { return m_diverged + m_level.diverged(); }
    bool complete() const { return m_complete; }

private:
    int m_bound;
    int m_current = 0;
    DfsSearch m_level { 0 };
    bool m_levelAddedAny = false;
    int m_diverged = 0;
    bool m_complete = false;
};

class PctSearch : public Search {
public:
    PctSearch(std::uint64_t seed, int runs, int changes);
    std::uint32_t choose(const std::vector<std::uint32_t>& enabled, std::uint32_t last) override;
    bool nextRun() override;
    int used() const override { return m_changesUsed; }

private:
    void plan();

    std::mt19937_64 m_random;
    int m_runsLeft;
    int m_changes;
    std::size_t m_longest = 1; // steps in the longest run so far: where the change points can fall
    std::size_t m_step = 0;
    std::vector<std::size_t> m_changeAt;
    std::vector<std::pair<std::uint32_t, double>> m_priority; // actor -> priority
    double m_lowest = 0;
    int m_changesUsed = 0;
};

} // namespace mpstage
