// SPDX-License-Identifier: MIT
#pragma once
// A telemetry session: the pipe all actors write frames to, and the control block (gates) they all map.
// The host creates it before forking the scene's main actor; the main actor calls becomeMainActor();
// every mp::Process started from then on is an actor too (it gets the next actor id, its own flusher
// thread, and its stdout/stderr captured as Print events).
//
// Gates: every instrumented point of the engine calls a gate. Running freely it costs one atomic load.
// Paused, an actor reports GateWaiting (flushing its telemetry first) and sleeps until the host grants it a
// step. Micro gates (the internal steps of put and `value += 1`) stop only when micro-stepping is on.

#include <mp/telemetry/event.h>
#include <mp/telemetry/ids.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mp::telemetry {

struct ControlBlock;

inline constexpr std::uint32_t MAX_ACTORS = 256;

struct Grant {
    ActorId actor;
    bool micro = false;
    friend bool operator==(const Grant&, const Grant&) = default;
};

class Session {
public:
    explicit Session(Detail detail);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    Detail detail() const;
    // The host reads frames from here (the descriptor is close-on-exec and closed in every actor).
    int readFd() const;
    // Host side, right after forking the main actor: drop the host's copy of the write end, so the pipe
    // reports end-of-file once every actor has gone.
    void closeWriteEnd();
    // In the freshly forked main actor: become actor 1, "MainProcess", run the scene, and leave the way an
    // mp::Process child does (finalizers, children joined, exit code 1 and a traceback on an exception).
    [[noreturn]] void runMainActor(const std::function<void()>& scene);

    // Host controls. Pausing makes every actor stop at its next gate.
    void pauseAll();
    void resumeAll();
    bool paused() const;
    void setMicroSteps(bool on);
    bool microSteps() const;
    // Lets one actor pass one gate (recorded, so the schedule can be replayed).
    void step(ActorId actor, bool micro = false);
    bool atGate(ActorId actor) const;
    int pid(ActorId actor) const; // 0 if unknown
    // The frames an actor had encoded and not yet written when it ended, as wire frames (no stream header).
    // Once it is gone they are what it did last, lost from the pipe if it was killed; some may have reached
    // the pipe just before the end (keep those whose seq is beyond what arrived).
    std::string unsent(ActorId actor) const;
    const std::vector<Grant>& grants() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

// Scenes report the line of the Python listing they are at (also a gate: stepping goes line by line).
void line(int lineNumber);
// Gives an object the name the Python listing uses for it ("q", "parent_conn").
void label(ObjectId object, const std::string& name);
// Gives one end (0 or 1) of a pipe the name the program uses for it ("parent_conn"): ObjectLabel with a = end + 1.
void label_end(ObjectId pipe, int end, const std::string& name);

// A host language that can name what its program creates (the Python module: from the variables the creating
// statement assigns) sets this. It is asked in the creating thread before each ObjectCreated of an observed run
// that has no label of its own, with that event's kind and parameter: a name it gives is the event's label, and
// each end it names gets an ObjectLabel (a = end + 1). Null: nothing is named.
struct ProgramNames {
    std::string object; // "q", "parent_conn ↔ child_conn"; empty: the default label ("queue#3")
    std::array<std::string, 2> ends; // a pipe's ends, "parent_conn" and "child_conn"; empty: not named
};
using Namer = ProgramNames (*)(ObjectKind kind, std::int64_t parameter);
void set_namer(Namer namer);

} // namespace mp::telemetry
