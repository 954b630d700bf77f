// SPDX-License-Identifier: MIT
#pragma once
// The hang analyser's rules. Each looks at one blocked actor and returns a sentence if it recognises why
// that wait can never end, or nothing to let the next rule try; generic() always answers. A sentence with no
// text says that another actor's sentence tells this wait and names this actor (explainHang leaves it out):
// one cause, one sentence.

#include <mp/telemetry/hang.h>

#include <optional>
#include <string>
#include <vector>

namespace mp::telemetry::hang {

std::optional<HangSentence> recvOnOpenPipe(const World& world, const Actor& actor);
std::optional<HangSentence> sendBothWays(const World& world, const Actor& actor);
std::optional<HangSentence> getAfterCutShortWrite(const World& world, const Actor& actor);
std::optional<HangSentence> getOnEmptyQueue(const World& world, const Actor& actor);
std::optional<HangSentence> putOnFullQueue(const World& world, const Actor& actor);
std::optional<HangSentence> joinUnfinished(const World& world, const Actor& actor);
std::optional<HangSentence> flushAtExit(const World& world, const Actor& actor);
std::optional<HangSentence> joinProcess(const World& world, const Actor& actor);
std::optional<HangSentence> acquireLock(const World& world, const Actor& actor);
std::optional<HangSentence> waitOnSync(const World& world, const Actor& actor);
HangSentence generic(const World& world, const Actor& actor);

// Helpers shared by the rules.
// The end an actor reads from (or writes to) on a pipe or a queue's pipe.
int readingEnd(const World& world, ActorId actor, ObjectId object);
int sendingEnd(const World& world, ActorId actor, ObjectId object);
// Live actors other than `except`, by id.
std::vector<const Actor*> othersLive(const World& world, ActorId except);
// ", and no other process is left to VERB" or ", and every other process is waiting too, so nobody will VERB".
std::string nobodyWill(const World& world, ActorId except, const std::string& verb);
bool blockedIn(const Actor& actor, const char* operation, ObjectId object);

} // namespace mp::telemetry::hang
