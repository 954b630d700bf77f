// SPDX-License-Identifier: MIT
// Small scenes written for fault tests, not for teaching: each puts a process in one precise moment (holding
#pragma once
// a lock, blocked sending a large message, inside join...) where a test then kills it, and prints what the
// survivors saw, the way a Python program would print it. Not part of the catalogue.

#include <mpstage/scene.h>

#include <string_view>

namespace mpfault {

// Process-1 takes a Lock, says "holding the lock" and sleeps; MainProcess then acquire()s it.
const mpstage::Scene& lockHolder();
// Process-1 sends 1 MiB on Pipe(duplex=False) nobody reads yet; MainProcess joins it, then recv_bytes().
const mpstage::Scene& bigSender();
// Process-1 says "ready" and sleeps before sending anything; MainProcess joins it, then recv_bytes().
const mpstage::Scene& quietSender();
// Process-1 puts 1 MiB on a Queue nobody reads yet; MainProcess joins it, then get(timeout=1.0).
const mpstage::Scene& bigPutter();
// Process-1 starts Process-1:1, which waits on an Event for ever, and joins it; MainProcess joins Process-1.
const mpstage::Scene& joiner();
// Process-1 creates a SharedMemory block, says "created" and sleeps; MainProcess joins it.
const mpstage::Scene& blockCreator();
// Three generations below MainProcess, each blocked in join(); the last waits on an Event for ever.
const mpstage::Scene& deepTree();

// Process-1 adds 1 to a Value under its lock for ever and says "counting" at its first; MainProcess joins it,
// then prints "final N", the value the Value holds (read without its lock, which the dead may hold).
const mpstage::Scene& busyCounter();

const mpstage::Scene* findFaultScene(std::string_view id);

} // namespace mpfault
