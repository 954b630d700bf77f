// SPDX-License-Identifier: MIT
#pragma once
// mp::Object is what travels through pipes and queues: the subset of Python values a teaching scene sends
// (None, bool, int, float, str, bytes, list, tuple, dict with str keys). repr() prints exactly what Python's
// repr() prints for the same value, so the stage and the Python listing agree character for character.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mp {

class Object;

// A value of a language that hosts the engine (mpstage's Python module): it travels as the bytes the host's
// own pickler makes, pickled in the thread that writes it (a Queue's feeder), as CPython's feeder pickles.
// Only a whole message can be foreign, never an item inside an mp::list or dict.
class Foreign {
public:
    virtual ~Foreign() = default;
    // May raise an mp::Error (the host's pickling error, under the host's exception name).
    virtual std::string pickle() const = 0;
    virtual std::string repr() const = 0;
    virtual const char* type_name() const noexcept = 0;
};
using ForeignRef = std::shared_ptr<const Foreign>;

struct NoneType {
    friend bool operator==(NoneType, NoneType) = default;
};
inline constexpr NoneType None {};

// Python bytes: raw octets, kept in a std::string for cheap moves and views. Read them as a C++ container is
// read: `b.data()` and `b.size()` (Python's len(b)), `b.view()` (memoryview(b)), `b.str()` for a std::string.
class Bytes {
public:
    Bytes() = default;
    explicit Bytes(std::string d)
        : m_data(std::move(d))
    {
    }
    explicit Bytes(std::string_view d)
        : m_data(d)
    {
    }
    // A C string up to its first NUL (so that Bytes("abc") chooses neither of the two above).
    explicit Bytes(const char* s)
        : m_data(s)
    {
    }
    Bytes(const void* p, std::size_t n)
        : m_data(static_cast<const char*>(p), n)
    {
    }
    const char* data() const noexcept { return m_data.data(); }
    std::size_t size() const noexcept { return m_data.size(); }
    bool empty() const noexcept { return m_data.empty(); }
    std::string_view view() const noexcept { return m_data; }
    const std::string& str() const& noexcept { return m_data; }
    // The octets moved out of a Bytes that is going away: `std::string s = conn.recv_bytes().str();`.
    std::string str() && noexcept { return std::move(m_data); }
    friend bool operator==(const Bytes&, const Bytes&) = default;

private:
    std::string m_data;
};

struct list : std::vector<Object> {
    using std::vector<Object>::vector;
};
struct tuple : std::vector<Object> {
    using std::vector<Object>::vector;
};
// Insertion-ordered, as Python dicts are.
struct dict : std::vector<std::pair<std::string, Object>> {
    using std::vector<std::pair<std::string, Object>>::vector;
    const Object* find(std::string_view key) const;
};

class Object {
public:
    using Value = std::variant<NoneType, bool, std::int64_t, double, std::string, Bytes, list, tuple, dict, ForeignRef>;

    Object() = default;
    Object(NoneType) { }
    Object(bool b)
        : m_v(b)
    {
    }
    template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>) Object(I i)
        : m_v(static_cast<std::int64_t>(i))
    {
    }
    Object(double d)
        : m_v(d)
    {
    }
    Object(const char* s)
        : m_v(std::string(s))
    {
    }
    Object(std::string s)
        : m_v(std::move(s))
    {
    }
    Object(std::string_view s)
        : m_v(std::string(s))
    {
    }
    Object(Bytes b)
        : m_v(std::move(b))
    {
    }
    Object(list l)
        : m_v(std::move(l))
    {
    }
    Object(tuple t)
        : m_v(std::move(t))
    {
    }
    Object(dict d)
        : m_v(std::move(d))
    {
    }
    Object(ForeignRef f)
        : m_v(std::move(f))
    {
    }

    bool is_none() const noexcept { return std::holds_alternative<NoneType>(m_v); }
    bool is_bool() const noexcept { return std::holds_alternative<bool>(m_v); }
    bool is_int() const noexcept { return std::holds_alternative<std::int64_t>(m_v); }
    bool is_float() const noexcept { return std::holds_alternative<double>(m_v); }
    bool is_str() const noexcept { return std::holds_alternative<std::string>(m_v); }
    bool is_bytes() const noexcept { return std::holds_alternative<Bytes>(m_v); }
    bool is_list() const noexcept { return std::holds_alternative<list>(m_v); }
    bool is_tuple() const noexcept { return std::holds_alternative<tuple>(m_v); }
    bool is_dict() const noexcept { return std::holds_alternative<dict>(m_v); }
    bool is_foreign() const noexcept { return std::holds_alternative<ForeignRef>(m_v); }

    // Typed access; the wrong type raises mp::TypeError naming both types, as Python would complain.
    bool as_bool() const;
    std::int64_t as_int() const;
    double as_float() const; // ints convert, as in Python arithmetic
    const std::string& as_str() const;
    const Bytes& as_bytes() const;
    const list& as_list() const;
    const tuple& as_tuple() const;
    const dict& as_dict() const;
    const ForeignRef& as_foreign() const;

    // Python's type name: 'NoneType', 'int', 'str', ...
    const char* type_name() const noexcept;
    const Value& value() const noexcept { return m_v; }

    // Python's ==: 1 == 1.0 == True, but a list never equals a tuple.
    friend bool operator==(const Object& a, const Object& b);

private:
    Value m_v;
};

// Exactly what Python's repr() prints for the same value.
std::string repr(const Object& obj);
// Python's str(): like repr() except that a str prints without quotes.
std::string str(const Object& obj);

} // namespace mp
