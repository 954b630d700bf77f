// SPDX-License-Identifier: MIT
#include <mp/embedding.h>
#include <mp/errors.h>
#include <mp/pickle.h>

#include "cbor_fast.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <unordered_map>

namespace mp {

namespace {

using Json = nlohmann::ordered_json;

Json toJson(const Object& obj, int depth)
{
    if (depth > MAX_DEPTH)
        throw RecursionError("maximum recursion depth exceeded while pickling an object");
    struct Visitor {
        int depth;
        Json operator()(NoneType) const { return nullptr; }
        Json operator()(bool b) const { return b; }
        Json operator()(std::int64_t i) const { return i; }
        Json operator()(double d) const { return d; }
        Json operator()(const std::string& s) const
        {
            if (const std::size_t at = detail::invalidUtf8At(s); at != std::string_view::npos)
                throw UnicodeEncodeError(
                    "'utf-8' codec can't encode byte at position " + std::to_string(at) + ": not valid UTF-8");
            return s;
        }
        Json operator()(const Bytes& b) const
        {
            return Json::binary(std::vector<std::uint8_t>(b.view().begin(), b.view().end()));
        }
        Json seq(const std::vector<Object>& items) const
        {
            Json arr = Json::array();
            for (const Object& o : items)
                arr.push_back(toJson(o, depth + 1));
            return arr;
        }
        Json operator()(const ForeignRef&) const
        {
            throw TypeError("a foreign object can only travel as a whole message");
        }
        Json operator()(const list& l) const { return seq(l); }
        Json operator()(const tuple& t) const { return Json { { "t", seq(t) } }; }
        Json operator()(const dict& d) const
        {
            Json inner = Json::object();
            for (const auto& [k, v] : d) {
                (*this)(k);
                inner[k] = toJson(v, depth + 1);
            }
            return Json { { "d", std::move(inner) } };
        }
    };
    return std::visit(Visitor { depth }, obj.value());
}

// Builds an Object straight from the CBOR parser's events. Maps are only ever the {"t": [...]} / {"d": {...}}
// wrappers; anything else is refused. Depth is bounded so hostile input cannot exhaust the stack.
class Builder {
public:
    using string_t = std::string;
    using binary_t = Json::binary_t;

    bool null() { return deliver(Object(None)); }
    bool boolean(bool b) { return deliver(Object(b)); }
    bool number_integer(std::int64_t i) { return deliver(Object(i)); }
    bool number_unsigned(std::uint64_t u)
    {
        if (u > static_cast<std::uint64_t>(INT64_MAX))
            return fail("integer out of range");
        return deliver(Object(static_cast<std::int64_t>(u)));
    }
    bool number_float(double d, const string_t&) { return deliver(Object(d)); }
    bool string(string_t& s)
    {
        if (detail::invalidUtf8At(s) != std::string_view::npos) // what dumps() could not write back
            return fail("a str that is not valid UTF-8");
        return deliver(Object(std::move(s)));
    }
    bool binary(binary_t& b) { return deliver(Object(Bytes(b.data(), b.size()))); }

    bool start_array(std::size_t) { return push(Frame { Frame::List }); }
    bool end_array()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        return deliver(Object(std::move(f.items)));
    }
    bool start_object(std::size_t)
    {
        if (!m_stack.empty() && m_stack.back().kind == Frame::Wrapper && m_stack.back().tag == 'd'
            && !m_stack.back().value)
            return push(Frame { Frame::Dict });
        return push(Frame { Frame::Wrapper });
    }
    bool key(string_t& k)
    {
        if (detail::invalidUtf8At(k) != std::string_view::npos)
            return fail("a dict key that is not valid UTF-8");
        Frame& top = m_stack.back();
        if (top.kind == Frame::Dict) {
            top.key = std::move(k);
            return true;
        }
        if (top.tag != 0 || (k != "t" && k != "d"))
            return fail("unexpected map key");
        top.tag = k[0];
        return true;
    }
    bool end_object()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        if (f.kind == Frame::Dict)
            return deliver(Object(std::move(f.entries)));
        if (!f.value)
            return fail("empty wrapper map");
        return deliver(std::move(*f.value));
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
    {
        m_error = "invalid data at byte " + std::to_string(position) + ": " + ex.what();
        return false;
    }

    Object take() { return std::move(*m_result); }
    const std::string& error() const { return m_error; }

private:
    struct Frame {
        enum Kind { List, Dict, Wrapper } kind;
        list items {};
        dict entries {};
        std::unordered_map<std::string, std::size_t> index {}; // key -> its place in entries
        std::string key {};
        char tag = 0;
        std::optional<Object> value {};
    };

    bool push(Frame f)
    {
        if (m_stack.size() >= static_cast<std::size_t>(MAX_DEPTH))
            return fail("nesting deeper than " + std::to_string(MAX_DEPTH));
        m_stack.push_back(std::move(f));
        return true;
    }
    bool fail(const std::string& why)
    {
        if (m_error.empty())
            m_error = why;
        return false;
    }
    bool deliver(Object o)
    {
        if (m_stack.empty()) {
            m_result = std::move(o);
            return true;
        }
        Frame& top = m_stack.back();
        switch (top.kind) {
        case Frame::List:
            top.items.push_back(std::move(o));
            return true;
        case Frame::Dict:
            // A key given twice keeps its first place and its last value, as in a Python dict.
            if (const auto at = top.index.find(top.key); at != top.index.end()) {
                top.entries[at->second].second = std::move(o);
                return true;
            }
            top.index.emplace(top.key, top.entries.size());
            top.entries.emplace_back(std::move(top.key), std::move(o));
            return true;
        case Frame::Wrapper:
            if (top.value || top.tag == 0)
                return fail("malformed wrapper map");
            if (top.tag == 't') {
                if (!o.is_list())
                    return fail("tuple wrapper without an array");
                const list& l = o.as_list();
                top.value = Object(tuple(l.begin(), l.end()));
            } else {
                if (!o.is_dict())
                    return fail("dict wrapper without a map");
                top.value = std::move(o);
            }
            return true;
        }
        return false;
    }

    std::vector<Frame> m_stack;
    std::optional<Object> m_result;
    std::string m_error;
};

// A foreign object that arrived where no host language is there to decode it: it keeps its pickle.
class PickledForeign final : public Foreign {
public:
    explicit PickledForeign(std::string pickled)
        : m_pickled(std::move(pickled))
    {
    }
    std::string pickle() const override { return m_pickled; }
    std::string repr() const override { return "<pickled object, " + std::to_string(m_pickled.size()) + " bytes>"; }
    const char* type_name() const noexcept override { return "pickled"; }

private:
    std::string m_pickled;
};

// A foreign object travels as the one-key map {"p": <its pickle as a byte string>}.
constexpr std::string_view FOREIGN_HEAD = "\xa1\x61p";

// A whole message {"p": <bytes>} is a foreign object: the host's decoder turns it back into the host's value.
// Anything else that starts like it is decoded (and refused) as any other data.
bool foreignMessage(std::string_view data, Object& out)
{
    Object pickled;
    if (!data.starts_with(FOREIGN_HEAD) || !detail::fastLoads(data.substr(FOREIGN_HEAD.size()), pickled)
        || !pickled.is_bytes())
        return false;
    if (const auto decode = detail::embeddingHooks().decodeForeign)
        out = decode(pickled.as_bytes().str());
    else
        out = Object(std::make_shared<PickledForeign>(pickled.as_bytes().str()));
    return true;
}

} // namespace

namespace detail {

std::string dumpsReference(const Object& obj)
{
    std::string out;
    Json::to_cbor(toJson(obj, 0), nlohmann::detail::output_adapter<char>(out));
    return out;
}

Object loadsReference(std::string_view data)
{
    if (Object foreign; foreignMessage(data, foreign))
        return foreign;
    Builder builder;
    const bool ok = Json::sax_parse(data.begin(), data.end(), &builder, nlohmann::detail::input_format_t::cbor, true);
    if (!ok) {
        throw UnpicklingError(builder.error().empty() ? std::string("invalid data") : builder.error());
    }
    return builder.take();
}

} // namespace detail

std::string dumps(const Object& obj)
{
    std::string out;
    if (obj.is_foreign()) {
        const std::string pickled = obj.as_foreign()->pickle();
        out.append(FOREIGN_HEAD);
        detail::fastDumps(Object(Bytes(pickled)), out);
        return out;
    }
    if (detail::fastDumps(obj, out))
        return out;
    return detail::dumpsReference(obj);
}

Object loads(std::string_view data)
{
    Object obj;
    if (foreignMessage(data, obj))
        return obj;
    if (detail::fastLoads(data, obj))
        return obj;
    return detail::loadsReference(data);
}

} // namespace mp
