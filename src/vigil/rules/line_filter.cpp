// Line filters: what a line must look like for a line-bound regex to match on it, read off the
// pattern. A small reader of RE2's syntax that knows only what it needs (lengths, last bytes,
// `$` under (?m)); anything it does not know gives no filter, so a filter never drops a line
// the regex could match on.
#include <algorithm>
#include <string_view>
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules {
namespace {

using Bytes = LineFilter::Bytes;

constexpr uint32_t k_min_cap = 1u << 20; // lengths saturate here (repeats of repeats)

Bytes all_bytes() {
    return Bytes().set();
}

Bytes high_bytes() { // what ends a non-ASCII character (or an invalid byte)
    Bytes b;
    for (int c = 0x80; c < 0x100; ++c) {
        b.set(size_t(c));
    }
    return b;
}

Bytes range(int lo, int hi) {
    Bytes b;
    for (int c = lo; c <= hi; ++c) {
        b.set(size_t(c));
    }
    return b;
}

bool is_ascii_letter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Under (?i) an ASCII letter also matches its other case, and `k` and `s` match non-ASCII
// characters (KELVIN SIGN, LONG S): add both cases, and every high byte when a letter is in.
Bytes case_folded(Bytes b) {
    bool letter = false;
    for (int c = 0; c < 0x80; ++c) {
        if (b.test(size_t(c)) && is_ascii_letter(c)) {
            b.set(size_t(c ^ 0x20));
            letter = true;
        }
    }
    return letter ? b | high_bytes() : b;
}

// Perl classes as RE2 has them (ASCII only), with their negations.
bool perl_class(char c, Bytes& out) {
    Bytes digit = range('0', '9');
    Bytes word = digit | range('a', 'z') | range('A', 'Z');
    word.set('_');
    Bytes space;
    for (char s : {'\t', '\n', '\f', '\r', ' '}) {
        space.set(uint8_t(s));
    }
    switch (c) {
    case 'd':
        out = digit;
        return true;
    case 'w':
        out = word;
        return true;
    case 's':
        out = space;
        return true;
    case 'D':
        out = ~digit;
        return true;
    case 'W':
        out = ~word;
        return true;
    case 'S':
        out = ~space;
        return true;
    default:
        return false;
    }
}

bool posix_class(std::string_view name, Bytes& out) {
    struct Named {
        std::string_view name;
        Bytes bytes;
    };
    Bytes lower = range('a', 'z'), upper = range('A', 'Z'), digit = range('0', '9');
    Bytes punct = range('!', '/') | range(':', '@') | range('[', '`') | range('{', '~');
    Bytes space = range('\t', '\r');
    space.set(' ');
    Bytes blank;
    blank.set(' ').set('\t');
    Bytes word = lower | upper | digit;
    word.set('_');
    Bytes cntrl = range(0, 0x1f);
    cntrl.set(0x7f);
    const Named classes[] = {
        {"alnum", lower | upper | digit},
        {"alpha", lower | upper},
        {"ascii", range(0, 0x7f)},
        {"blank", blank},
        {"cntrl", cntrl},
        {"digit", digit},
        {"graph", range('!', '~')},
        {"lower", lower},
        {"print", range(' ', '~')},
        {"punct", punct},
        {"space", space},
        {"upper", upper},
        {"word", word},
        {"xdigit", digit | range('a', 'f') | range('A', 'F')},
    };
    bool negated = name.starts_with('^');
    name.remove_prefix(negated ? 1 : 0);
    for (const auto& c : classes) {
        if (c.name == name) {
            out = negated ? ~c.bytes : c.bytes;
            return true;
        }
    }
    return false;
}

// What the reader knows about a piece of pattern.
struct Facts {
    uint32_t min = 0;     // bytes in its shortest match
    Bytes last;           // bytes that can end a non-empty match of it
    bool newline = false; // some match may hold a '\n'
    bool eol = false;     // every match ends at a line end (it ends in `$` under (?m))
    bool zero = false;    // every match is empty (anchors, \b)
};

class Reader {
public:
    explicit Reader(std::string_view pattern) : m_p(pattern) {}

    // False when the pattern uses something this reader does not know.
    bool read(Facts& out) {
        out = alternation();
        return m_ok && m_i == m_p.size();
    }

private:
    bool more() const { return m_ok && m_i < m_p.size(); }
    char peek() const { return m_p[m_i]; }
    Facts fail() {
        m_ok = false;
        return {};
    }

    Facts alternation() {
        Facts all = concatenation();
        while (more() && peek() == '|') {
            ++m_i;
            Facts next = concatenation();
            all.min = std::min(all.min, next.min);
            all.last |= next.last;
            all.newline = all.newline || next.newline;
            all.eol = all.eol && next.eol;
            all.zero = all.zero && next.zero;
        }
        return all;
    }

    Facts concatenation() {
        Facts seq;
        seq.zero = true;
        while (more() && peek() != '|' && peek() != ')') {
            Facts next = repetition();
            seq.min = std::min(seq.min + next.min, k_min_cap);
            // The last byte comes from `next` unless it may match nothing.
            seq.last = next.zero ? seq.last : next.min == 0 ? seq.last | next.last : next.last;
            seq.newline = seq.newline || next.newline;
            seq.eol = next.eol || (seq.eol && next.zero);
            seq.zero = seq.zero && next.zero;
        }
        return seq;
    }

    Facts repetition() {
        Facts atom_facts = atom();
        while (more()) {
            uint32_t lo = 0;
            bool none = false; // {0}: the atom never matches anything
            char c = peek();
            if (c == '*' || c == '+' || c == '?') {
                lo = c == '+' ? 1 : 0;
                ++m_i;
            } else if (c == '{' && counted(lo, none)) {
            } else {
                break;
            }
            if (more() && peek() == '?') {
                ++m_i; // non-greedy: the same matches
            }
            atom_facts.min = std::min(uint64_t(atom_facts.min) * lo, uint64_t(k_min_cap));
            atom_facts.eol = atom_facts.eol && lo > 0;
            if (none) {
                atom_facts = Facts{};
                atom_facts.zero = true;
            }
        }
        return atom_facts;
    }

    // `{n}`, `{n,}` or `{n,m}` at m_i (anything else is a literal `{` to RE2).
    bool counted(uint32_t& lo, bool& none) {
        size_t j = m_i + 1;
        auto number = [&](uint64_t& n) {
            size_t start = j;
            n = 0;
            while (j < m_p.size() && m_p[j] >= '0' && m_p[j] <= '9' && n < k_min_cap) {
                n = n * 10 + uint64_t(m_p[j++] - '0');
            }
            return j > start;
        };
        uint64_t n = 0, m = 0;
        if (!number(n)) {
            return false;
        }
        bool has_max = true;
        if (j < m_p.size() && m_p[j] == ',') {
            ++j;
            has_max = number(m);
        } else {
            m = n;
        }
        if (j >= m_p.size() || m_p[j] != '}') {
            return false;
        }
        m_i = j + 1;
        lo = uint32_t(std::min(n, uint64_t(k_min_cap)));
        none = has_max && m == 0;
        return true;
    }

    Facts atom() {
        char c = peek();
        switch (c) {
        case '(':
            return group();
        case '[':
            return char_class();
        case '.': {
            ++m_i;
            Bytes any = all_bytes();
            any.set('\n', m_dot_nl);
            return one_char(any, m_dot_nl);
        }
        case '^':
        case '$': {
            ++m_i;
            if (!m_multiline) {
                return fail(); // the ends of the whole text, not of a line
            }
            Facts f;
            f.zero = true;
            f.eol = c == '$';
            return f;
        }
        case '\\':
            return escape();
        case '*':
        case '+':
        case '?':
        case ')':
        case '|':
            return fail();
        default:
            return literal(next_char());
        }
    }

    // A character class, a '.', or a Perl class: one character of these bytes (ASCII), any
    // high byte when non-ASCII characters are in.
    Facts one_char(Bytes bytes, bool newline) {
        Facts f;
        f.min = 1;
        f.last = bytes;
        f.newline = newline || bytes.test('\n');
        return f;
    }

    Facts literal(int code) {
        if (code < 0) {
            return fail();
        }
        if (code >= 0x80) {
            // Under (?i) a non-ASCII letter may fold to an ASCII one (KELVIN SIGN to k).
            uint32_t bytes = code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
            Bytes letters = range('a', 'z') | range('A', 'Z');
            Facts f = one_char(high_bytes() | (m_icase ? letters : Bytes()), false);
            f.min = m_icase ? 1 : bytes;
            return f;
        }
        Bytes b;
        b.set(size_t(code));
        return one_char(m_icase ? case_folded(b) : b, false);
    }

    // One UTF-8 character at m_i as a code point; -1 when malformed.
    int next_char() {
        auto byte = uint8_t(m_p[m_i++]);
        if (byte < 0x80) {
            return byte;
        }
        int extra = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : -1;
        if (extra < 0 || m_i + size_t(extra) > m_p.size()) {
            return -1;
        }
        int code = byte & (0x3f >> extra);
        for (int k = 0; k < extra; ++k) {
            code = (code << 6) | (uint8_t(m_p[m_i++]) & 0x3f);
        }
        return code;
    }

    // `\x41` or `\x{41}` after the `\x`.
    int hex_char() {
        bool braces = more() && peek() == '{';
        m_i += braces ? 1 : 0;
        int code = 0;
        size_t digits = 0;
        while (more() && std::isxdigit(uint8_t(peek())) && (braces || digits < 2)) {
            char h = char(std::tolower(uint8_t(m_p[m_i++])));
            code = code * 16 + (h <= '9' ? h - '0' : h - 'a' + 10);
            if (++digits > 6) {
                return -1;
            }
        }
        if (braces && (!more() || m_p[m_i++] != '}')) {
            return -1;
        }
        return digits == 0 || (!braces && digits != 2) ? -1 : code;
    }

    // A literal escape (`\t`, `\.`, `\x41`) after the backslash; -1 for anything else.
    int escaped_char(char e) {
        switch (e) {
        case 't':
            return '\t';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 'f':
            return '\f';
        case 'v':
            return '\v';
        case 'a':
            return '\a';
        case 'x':
            return hex_char();
        default:
            return (e >= 0x21 && e <= 0x7e && !std::isalnum(uint8_t(e))) ? uint8_t(e) : -1;
        }
    }

    Facts escape() {
        ++m_i;
        if (!more()) {
            return fail();
        }
        char e = m_p[m_i++];
        Bytes bytes;
        if (perl_class(e, bytes)) {
            bool negated = e == 'D' || e == 'W' || e == 'S';
            return one_char(negated ? bytes | high_bytes() : bytes, false);
        }
        if (e == 'b' || e == 'B') {
            Facts f;
            f.zero = true;
            return f;
        }
        if (e == 'p' || e == 'P') { // \pL, \p{Greek}: any character but a line break
            if (more() && peek() == '{') {
                size_t close = m_p.find('}', m_i);
                if (close == m_p.npos) {
                    return fail();
                }
                m_i = close + 1;
            } else if (more()) {
                ++m_i;
            }
            Bytes any = all_bytes();
            return one_char(any, true);
        }
        return literal(escaped_char(e)); // \A, \z, \C, \Q, octal, back-references: fail
    }

    Facts group() {
        ++m_i;
        bool icase = m_icase, multiline = m_multiline, dot_nl = m_dot_nl;
        if (more() && peek() == '?') {
            ++m_i;
            if (more() && (peek() == 'P' || peek() == '<')) { // a named group
                size_t close = m_p.find('>', m_i);
                if (close == m_p.npos) {
                    return fail();
                }
                m_i = close + 1;
            } else if (!flags()) {
                return fail();
            } else if (m_p[m_i - 1] == ')') {
                Facts f; // (?i): the flags hold to the end of the enclosing group
                f.zero = true;
                return f;
            }
        }
        Facts inner = alternation();
        if (!more() || peek() != ')') {
            return fail();
        }
        ++m_i;
        m_icase = icase;
        m_multiline = multiline;
        m_dot_nl = dot_nl;
        return inner;
    }

    // The flags of `(?flags)` or `(?flags:`, through the `)` or `:`.
    bool flags() {
        bool on = true;
        while (more()) {
            char c = m_p[m_i++];
            if (c == ':' || c == ')') {
                return true;
            }
            if (c == '-') {
                on = false;
            } else if (c == 'i') {
                m_icase = on;
            } else if (c == 'm') {
                m_multiline = on;
            } else if (c == 's') {
                m_dot_nl = on;
            } else if (c != 'U') {
                return false;
            }
        }
        return false;
    }

    Facts char_class() {
        ++m_i;
        bool negated = more() && peek() == '^';
        m_i += negated ? 1 : 0;
        Bytes bytes;
        bool high = false, newline = false;
        bool first = true;
        while (more() && (peek() != ']' || first)) {
            first = false;
            if (m_p.substr(m_i).starts_with("[:")) {
                size_t close = m_p.find(":]", m_i + 2);
                Bytes named;
                if (close == m_p.npos ||
                    !posix_class(m_p.substr(m_i + 2, close - m_i - 2), named)) {
                    return fail();
                }
                bytes |= named;
                high = high || m_p[m_i + 2] == '^';
                m_i = close + 2;
                continue;
            }
            int lo = class_char(bytes, high, newline);
            if (lo == -2) {
                continue; // a Perl class, taken in
            }
            int hi = lo;
            if (m_i + 1 < m_p.size() && peek() == '-' && m_p[m_i + 1] != ']') {
                ++m_i;
                hi = class_char(bytes, high, newline);
                if (hi < lo) {
                    return fail();
                }
            }
            if (lo < 0) {
                return fail();
            }
            if (lo < 0x80) {
                bytes |= range(lo, std::min(hi, 0x7f));
            }
            high = high || hi >= 0x80;
        }
        if (!more()) {
            return fail();
        }
        ++m_i;         // ']'
        if (negated) { // without case folding: a superset of what RE2 matches
            // \p members were taken as every byte: their complement is unknown.
            return newline ? fail() : one_char(~bytes | high_bytes(), false);
        }
        if (m_icase) {
            // Non-ASCII members may fold onto ASCII letters: then take every byte (but a line
            // break, which nothing folds onto).
            bool nl = bytes.test('\n');
            bytes = high ? all_bytes().set('\n', nl) : case_folded(bytes);
        }
        return one_char(high ? bytes | high_bytes() : bytes, newline);
    }

    // One member of a class at m_i: its code point, -2 for a Perl class (added to `bytes`),
    // -1 when unknown.
    int class_char(Bytes& bytes, bool& high, bool& newline) {
        if (peek() != '\\') {
            return next_char();
        }
        ++m_i;
        if (!more()) {
            return -1;
        }
        char e = m_p[m_i++];
        Bytes perl;
        if (perl_class(e, perl)) {
            bool negated = e == 'D' || e == 'W' || e == 'S';
            bytes |= perl;
            high = high || negated;
            return -2;
        }
        if (e == 'p' || e == 'P') { // every byte, as a line break may be in (\pC)
            bytes = all_bytes();
            high = newline = true;
            if (more() && peek() == '{') {
                size_t close = m_p.find('}', m_i);
                m_i = close == m_p.npos ? m_p.size() : close + 1;
            } else if (more()) {
                ++m_i;
            }
            return -2;
        }
        return escaped_char(e);
    }

    std::string_view m_p;
    size_t m_i = 0;
    bool m_ok = true;
    bool m_icase = false;
    bool m_multiline = false;
    bool m_dot_nl = false;
};

} // namespace

bool LineFilter::admits(std::string_view line) const {
    return line.size() >= min_bytes &&
           (!ends_line || (!line.empty() && last_bytes.test(uint8_t(line.back()))));
}

LineFilter line_filter_for(std::string_view pattern) {
    LineFilter filter;
    Facts facts;
    if (!stays_on_one_line(pattern) || !Reader(pattern).read(facts) || facts.newline) {
        return filter;
    }
    filter.line_bound = true;
    // A match that is empty is never reported, so a line needs a byte at least.
    filter.min_bytes = std::max<uint32_t>(facts.min, 1);
    filter.ends_line = facts.eol;
    filter.last_bytes = facts.eol ? facts.last : all_bytes();
    return filter;
}

} // namespace vigil::rules
