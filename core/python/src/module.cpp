// SPDX-License-Identifier: MIT
// _mpstage: the engine's Python face. The package mpstage (mpstage/multiprocessing/) builds the
// multiprocessing namespace on it; mpstage-host links the same bindings into the interpreter it embeds.

#include "bridge.h"
#include "names.h"

PYBIND11_MODULE(_mpstage, m)
{
    m.doc() = "mpstage's IPC engine: the primitives multiprocessing is built from, in real processes";
    mpstage::python::installHooks();
    mpstage::python::installNamer();
    mpstage::python::bindErrors(m);
    mpstage::python::bindProcess(m);
    mpstage::python::bindQueues(m);
    mpstage::python::bindConnection(m);
    mpstage::python::bindSync(m);
    mpstage::python::bindSharedctypes(m);
    mpstage::python::bindSharedMemory(m);
    mpstage::python::bindExit(m);
}
