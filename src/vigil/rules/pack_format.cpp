#include "pack_format.hpp"

#include <cstring>

namespace vigil::rules::detail {
namespace {

constexpr uint32_t k_magic = 0x56504b31; // "VPK1"

class Writer {
public:
    void u32(uint32_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void u64(uint64_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void f64(double v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void str(std::string_view s) {
        u32(uint32_t(s.size()));
        m_out.append(s);
    }
    void strs(const std::vector<std::string>& v) {
        u32(uint32_t(v.size()));
        for (const auto& s : v) {
            str(s);
        }
    }
    void allowlist(const AllowlistSpec& a) {
        str(a.description);
        u32(a.require_all);
        u32(uint32_t(a.target));
        strs(a.regexes);
        strs(a.paths);
        strs(a.stopwords);
        strs(a.commits);
        strs(a.target_rules);
        strs(a.categories);
        str(a.source);
    }
    void rule(const Rule& r) {
        for (const auto* s : {&r.id, &r.description, &r.message, &r.category, &r.help, &r.regex,
                              &r.path, &r.scope, &r.source}) {
            str(*s);
        }
        u32(uint32_t(r.severity));
        u32(r.severity_set);
        strs(r.keywords);
        strs(r.tags);
        strs(r.languages);
        u32(uint32_t(r.secret_group));
        f64(r.entropy);
        u64(r.min_file_size);
        u32(r.skip_report);
        str(r.fix);
        u32(r.has_fix);
        u32(uint32_t(r.required.size()));
        for (const auto& q : r.required) {
            str(q.id);
            u32(uint32_t(q.within_lines));
            u32(uint32_t(q.within_columns));
        }
        u32(uint32_t(r.allowlists.size()));
        for (const auto& a : r.allowlists) {
            allowlist(a);
        }
        u32(uint32_t(r.examples.size()));
        for (const auto& e : r.examples) {
            str(e.text);
            u32(e.should_match);
            str(e.path);
            str(e.source);
        }
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Reader {
public:
    explicit Reader(std::string_view data) : m_data(data) {}
    bool ok() const { return m_ok; }

    uint32_t u32() { return raw<uint32_t>(); }
    uint64_t u64() { return raw<uint64_t>(); }
    double f64() { return raw<double>(); }
    std::string str() {
        uint32_t n = u32();
        if (!m_ok || n > m_data.size() - m_pos) {
            m_ok = false;
            return {};
        }
        std::string s(m_data.substr(m_pos, n));
        m_pos += n;
        return s;
    }
    std::vector<std::string> strs() {
        uint32_t n = u32();
        std::vector<std::string> v;
        for (uint32_t i = 0; i < n && m_ok; ++i) {
            v.push_back(str());
        }
        return v;
    }
    AllowlistSpec allowlist() {
        AllowlistSpec a;
        a.description = str();
        a.require_all = u32() != 0;
        a.target = RegexTarget(u32());
        a.regexes = strs();
        a.paths = strs();
        a.stopwords = strs();
        a.commits = strs();
        a.target_rules = strs();
        a.categories = strs();
        a.source = str();
        return a;
    }
    Rule rule() {
        Rule r;
        for (auto* s : {&r.id, &r.description, &r.message, &r.category, &r.help, &r.regex, &r.path,
                        &r.scope, &r.source}) {
            *s = str();
        }
        r.severity = core::Severity(u32());
        r.severity_set = u32() != 0;
        r.keywords = strs();
        r.tags = strs();
        r.languages = strs();
        r.secret_group = int(u32());
        r.entropy = f64();
        r.min_file_size = u64();
        r.skip_report = u32() != 0;
        r.fix = str();
        r.has_fix = u32() != 0;
        for (uint32_t n = u32(), i = 0; i < n && m_ok; ++i) {
            Required q;
            q.id = str();
            q.within_lines = int(u32());
            q.within_columns = int(u32());
            r.required.push_back(std::move(q));
        }
        for (uint32_t n = u32(), i = 0; i < n && m_ok; ++i) {
            r.allowlists.push_back(allowlist());
        }
        for (uint32_t n = u32(), i = 0; i < n && m_ok; ++i) {
            Example e;
            e.text = str();
            e.should_match = u32() != 0;
            e.path = str();
            e.source = str();
            r.examples.push_back(std::move(e));
        }
        return r;
    }

private:
    template <class T> T raw() {
        T v{};
        if (sizeof v > m_data.size() - m_pos) {
            m_ok = false;
            return v;
        }
        std::memcpy(&v, m_data.data() + m_pos, sizeof v);
        m_pos += sizeof v;
        return v;
    }

    std::string_view m_data;
    size_t m_pos = 0;
    bool m_ok = true;
};

} // namespace

std::string serialize_pack(const RuleFile& file) {
    Writer w;
    w.u32(k_magic);
    w.str(file.source);
    w.u32(uint32_t(file.allowlists.size()));
    for (const auto& a : file.allowlists) {
        w.allowlist(a);
    }
    w.u32(uint32_t(file.rules.size()));
    for (const auto& r : file.rules) {
        w.rule(r);
    }
    return w.take();
}

util::Expected<RuleFile> deserialize_pack(std::string_view data) {
    Reader r(data);
    RuleFile file;
    if (r.u32() != k_magic) {
        return util::runtime_error("the built-in rule packs are damaged (bad header)");
    }
    file.source = r.str();
    for (uint32_t n = r.u32(), i = 0; i < n && r.ok(); ++i) {
        file.allowlists.push_back(r.allowlist());
    }
    uint32_t count = r.u32();
    file.rules.reserve(count);
    for (uint32_t i = 0; i < count && r.ok(); ++i) {
        file.rules.push_back(r.rule());
    }
    if (!r.ok()) {
        return util::runtime_error("the built-in rule packs are damaged (truncated)");
    }
    return file;
}

} // namespace vigil::rules::detail
