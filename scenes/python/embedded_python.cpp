// SPDX-License-Identifier: MIT
#include "embedded_python.h"

#include <Python.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/resource.h>

extern "C" PyObject* PyInit__mpstage();

namespace mpstage {

namespace {

// Where the mpstage package is: $MPSTAGE_PYTHONPATH; else, for the host of a build tree, that tree's copy; else
// the installed one (an installed host never reads a build tree that happens to be on the machine).
std::string packageDir()
{
    if (const char* env = std::getenv("MPSTAGE_PYTHONPATH"); env && *env)
        return env;
    std::error_code error;
    const auto self = std::filesystem::canonical("/proc/self/exe", error).string();
    const auto build = std::filesystem::weakly_canonical(MPSTAGE_BUILD_DIR, error).string();
    const bool inBuildTree = !self.empty() && !build.empty() && self.starts_with(build + "/");
    if (inBuildTree && std::filesystem::exists(std::filesystem::path(MPSTAGE_PYTHON_BUILD_DIR) / "mpstage"))
        return MPSTAGE_PYTHON_BUILD_DIR;
    return MPSTAGE_PYTHON_INSTALL_DIR;
}

PyObject* paramsDict(const ParamValues& params)
{
    PyObject* d = PyDict_New();
    for (const auto& [key, text] : params.raw()) {
        PyObject* value = nullptr;
        char* end = nullptr;
        const long long i = std::strtoll(text.c_str(), &end, 10);
        if (!text.empty() && *end == 0)
            value = PyLong_FromLongLong(i);
        else if (text == "true" || text == "false")
            value = PyBool_FromLong(text == "true");
        else if (const double f = std::strtod(text.c_str(), &end); !text.empty() && *end == 0)
            value = PyFloat_FromDouble(f);
        else
            value = PyUnicode_FromString(text.c_str());
        PyDict_SetItemString(d, key.c_str(), value);
        Py_DECREF(value);
    }
    return d;
}

} // namespace

int runPythonProgram(const std::string& path, const ParamValues& params)
{
    // A program that allocates without bound gets MemoryError instead of taking the machine: each of its
    // processes may map at most MEMORY_LIMIT bytes (its children inherit the limit).
    const rlimit memory { MEMORY_LIMIT, MEMORY_LIMIT };
    ::setrlimit(RLIMIT_AS, &memory);
    PyImport_AppendInittab("_mpstage", PyInit__mpstage);
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.parse_argv = 0;
    PyConfig_SetBytesString(&config, &config.executable, "/usr/bin/python3");
    PyConfig_SetBytesString(&config, &config.program_name, "/usr/bin/python3");
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        std::fprintf(stderr, "mpstage: could not start Python: %s\n", status.err_msg ? status.err_msg : "?");
        return 1;
    }
    PyObject* sysPath = PySys_GetObject("path"); // borrowed
    PyObject* dir = PyUnicode_FromString(packageDir().c_str());
    PyList_Insert(sysPath, 0, dir);
    Py_DECREF(dir);
    PyObject* runner = PyImport_ImportModule("mpstage._run");
    if (!runner) {
        PyErr_Print();
        std::fprintf(stderr, "mpstage: the mpstage Python package is not in %s\n", packageDir().c_str());
        return 1;
    }
    PyObject* params_ = paramsDict(params);
    PyObject* result = PyObject_CallMethod(runner, "run_file", "sOO", path.c_str(), params_, Py_True);
    Py_DECREF(params_);
    int code = 1;
    if (result) {
        code = static_cast<int>(PyLong_AsLong(result));
        Py_DECREF(result);
    } else {
        PyErr_Print();
    }
    // The interpreter stays up: the engine's exit sequence (children joined, queues flushed) runs next in
    // this process and its feeder threads still pickle under the GIL.
    return code;
}

} // namespace mpstage
