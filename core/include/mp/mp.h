// SPDX-License-Identifier: MIT
#pragma once
// The whole mp:: engine: multiprocessing's primitives in C++, with Python's names and behaviour.

#include <mp/any_lock.h>
#include <mp/condition.h>
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/object.h>
#include <mp/pickle.h>
#include <mp/process.h>
#include <mp/queues.h>
#include <mp/shared_memory.h>
#include <mp/shared_ref.h>
#include <mp/sharedctypes.h>
#include <mp/slice.h>
#include <mp/synchronize.h>
#include <mp/timeout.h>
