// The text formats: `short` prints the compiler-style first line of each finding; `text` adds
// a gcc-style code frame (secrets masked), the rule's help and the suggested change.
#include <algorithm>
#include <ostream>
#include <vigil/report/shared.hpp>
#include <vigil/report/writers.hpp>
#include <vigil/util/text.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report {
namespace {

// Longer lines are shown as a window around the match.
constexpr size_t k_frame_chars = 160;
constexpr size_t k_lead_chars = 40;
constexpr size_t k_max_diff_lines = 12;

struct Style {
    bool on;
    std::string_view paint(std::string_view code) const { return on ? code : ""; }
    std::string_view bold() const { return paint("\x1b[1m"); }
    std::string_view reset() const { return paint("\x1b[0m"); }
    std::string_view gutter() const { return paint("\x1b[1;34m"); }
    std::string_view added() const { return paint("\x1b[32m"); }
    std::string_view removed() const { return paint("\x1b[31m"); }
    std::string_view severity(core::Severity s) const {
        switch (s) {
        case core::Severity::error:
            return paint("\x1b[1;31m");
        case core::Severity::warning:
            return paint("\x1b[1;35m");
        case core::Severity::note:
            return paint("\x1b[1;36m");
        }
        return "";
    }
};

void write_first_line(std::ostream& out, const ReportData& data, const core::Finding& f,
                      const Style& st) {
    out << st.bold() << util::printable(f.location.path) << ':';
    if (f.location.line > 0) { // line 0: a finding about the whole file
        out << f.location.line << ':' << f.location.char_column << ':';
    }
    out << st.reset() << ' ' << st.severity(f.severity) << core::to_string(f.severity) << ':'
        << st.reset() << ' ' << util::printable(full_message(data, f));
    if (!f.commit.empty()) {
        out << " (commit " << f.commit.substr(0, 12) << ')';
    }
    out << " [" << util::printable(f.rule_id) << "]\n";
}

// One displayed character of a framed line and whether the match covers it.
struct Cell {
    std::string text; // what to print: the character, '?' for controls and stray bytes
    bool tab = false;
    bool marked = false;
    int width = 1; // terminal columns (CJK characters take 2, combining marks 0)
};

// The first line of the match, masked as displayed_line() masks it, cut into cells.
std::vector<Cell> frame_cells(const core::Finding& f, bool show_secrets) {
    std::vector<core::Span> secrets = f.line_secrets;
    if (f.has_secret()) {
        secrets.push_back(f.secret);
    }
    std::string_view line = f.line_text;
    line = line.substr(0, line.find('\n'));
    auto in_secret = [&](size_t pos) -> const core::Span* {
        for (const auto& s : secrets) {
            if (pos >= s.begin && pos < s.end) {
                return &s;
            }
        }
        return nullptr;
    };
    std::vector<Cell> cells;
    for (size_t i = 0; i < line.size();) {
        bool marked = i >= f.match.begin && i < f.match.end;
        if (const auto* s = show_secrets ? nullptr : in_secret(i)) {
            // The masked form of the whole secret (overlaps merged), marked where the match is.
            size_t end = s->end;
            for (bool grew = true; grew;) {
                grew = false;
                for (const auto& o : secrets) {
                    if (o.begin < end && o.end > end) {
                        end = o.end;
                        grew = true;
                    }
                }
            }
            end = std::min(end, line.size());
            std::string masked = core::mask_secret(line.substr(i, end - i));
            // A match that starts inside the hidden part of a longer secret gets its caret
            // under the ellipsis that stands for it.
            bool overlaps = f.match.begin < end && f.match.end > i;
            bool inside = overlaps && f.match.begin > i;
            for (size_t k = 0; k < masked.size();) {
                size_t n = std::max<size_t>(1, util::utf8_sequence_length(masked, k));
                bool last = k + n >= masked.size();
                cells.push_back({masked.substr(k, n), false, overlaps && (!inside || last), 1});
                k += n;
            }
            i = end;
            continue;
        }
        auto c = static_cast<unsigned char>(line[i]);
        size_t n = c < 0x80 ? 1 : util::utf8_sequence_length(line, i);
        if (c == '\t') {
            cells.push_back({"\t", true, marked, 1});
        } else if (n == 0) {
            cells.push_back({"?", false, marked, 1});
            n = 1;
        } else {
            std::string shown = util::printable(line.substr(i, n));
            int width = shown == "?" ? 1 : util::display_width(line.substr(i, n));
            cells.push_back({std::move(shown), false, marked, width});
        }
        i += n;
    }
    return cells;
}

void write_frame(std::ostream& out, const core::Finding& f, const ReportData& data, const Style& st,
                 size_t gutter_width) {
    auto cells = frame_cells(f, data.show_secrets);
    if (cells.empty()) {
        return;
    }
    auto first_marked = std::find_if(cells.begin(), cells.end(), [](auto& c) { return c.marked; });
    size_t mark = size_t(first_marked - cells.begin());
    size_t begin = 0, end = cells.size();
    if (cells.size() > k_frame_chars) {
        begin = mark > k_lead_chars && mark < cells.size() ? mark - k_lead_chars : 0;
        begin = std::min(begin, cells.size() - k_frame_chars); // near the end: a full window
        end = begin + k_frame_chars;
    }
    std::string num = std::to_string(f.location.line);
    std::string pad(gutter_width, ' ');
    out << st.gutter() << std::string(gutter_width - num.size(), ' ') << num << " | " << st.reset()
        << (begin > 0 ? "\xE2\x80\xA6" : "");
    for (size_t i = begin; i < end; ++i) {
        out << cells[i].text;
    }
    out << (end < cells.size() ? "\xE2\x80\xA6" : "") << '\n';
    if (mark >= cells.size() || mark >= end) {
        return; // a whole-file finding, or a match beyond the window
    }
    std::string carets;
    bool first = true;
    // Carets line up by terminal columns: a tab stays a tab, a wide character gets two.
    for (size_t i = begin; i < end; ++i) {
        const Cell& c = cells[i];
        if (c.marked) {
            for (int k = 0; k < c.width; ++k) {
                carets += first ? '^' : '~';
                first = false;
            }
        } else if (first) {
            carets += c.tab ? std::string("\t") : std::string(size_t(c.width), ' ');
        }
    }
    out << st.gutter() << pad << " | " << st.reset() << (begin > 0 ? " " : "")
        << st.severity(f.severity) << carets << st.reset();
    if (f.location.end_line > f.location.line) {
        out << " (through line " << f.location.end_line << ')';
    }
    out << '\n';
}

void write_suggestion(std::ostream& out, const SuggestionIndex& index, const core::Suggestion& s,
                      const Style& st, size_t gutter_width) {
    std::string pad(gutter_width, ' ');
    out << st.gutter() << pad << " = " << st.reset() << st.bold() << "suggestion" << st.reset()
        << ": " << util::printable(s.description);
    if (index.shows_secret(s)) {
        out << " (not shown: the lines hold a secret; --show-secrets shows them)\n";
        return;
    }
    out << '\n';
    size_t shown = 0;
    auto lines = [&](std::string_view text, char marker, std::string_view colour) {
        while (!text.empty() && shown < k_max_diff_lines) {
            size_t nl = text.find('\n');
            std::string_view line = text.substr(0, nl);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            // Trailing blanks are what whitespace fixes remove: show them, or the - and +
            // lines would look the same.
            size_t trailing = line.size();
            while (trailing > 0 && (line[trailing - 1] == ' ' || line[trailing - 1] == '\t')) {
                --trailing;
            }
            std::string expanded;
            for (size_t k = 0; k < line.size(); ++k) {
                char c = line[k];
                if (k >= trailing) {
                    expanded += c == '\t' ? "\xE2\x86\x92" : "\xC2\xB7"; // → and ·
                } else {
                    expanded += c == '\t' ? std::string("    ") : std::string(1, c);
                }
            }
            out << st.gutter() << pad << " | " << st.reset() << colour << marker << ' '
                << util::printable(expanded) << st.reset() << '\n';
            ++shown;
            text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        }
    };
    lines(s.removed, '-', st.removed());
    lines(s.inserted, '+', st.added());
    if (shown >= k_max_diff_lines) {
        out << st.gutter() << pad << " | " << st.reset()
            << "\xE2\x80\xA6 (--format patch shows it all)\n";
    }
}

} // namespace

void write_short(std::ostream& out, const ReportData& data, const WriteOptions& options) {
    Style st{options.color};
    for (const auto& f : data.findings) {
        write_first_line(out, data, f, st);
    }
}

// Hex digits of a fingerprint the text report shows as a finding's id.
constexpr size_t k_short_id_length = 12;

void write_text(std::ostream& out, const ReportData& data, const WriteOptions& options) {
    Style st{options.color};
    SuggestionIndex index(data);
    for (const auto& f : data.findings) {
        write_first_line(out, data, f, st);
        // gcc's layout: the gutter is indented, so a frame never starts a line of the report.
        size_t gutter_width = std::max<size_t>(std::to_string(f.location.line).size(), 2) + 1;
        if (f.location.line > 0) {
            write_frame(out, f, data, st, gutter_width);
        }
        if (const auto* rule = core::find_rule(data.rules, f.rule_id);
            rule && !rule->help.empty()) {
            out << st.gutter() << std::string(gutter_width, ' ') << " = " << st.reset() << st.bold()
                << "help" << st.reset() << ": " << util::printable(rule->help) << '\n';
        }
        if (data.mode == "review" && f.fingerprint.size() >= k_short_id_length) {
            // The id `vigil explain` takes: the start of the fingerprint every format carries.
            out << st.gutter() << std::string(gutter_width, ' ') << " = " << st.reset() << st.bold()
                << "explain" << st.reset() << ": vigil explain "
                << f.fingerprint.substr(0, k_short_id_length) << '\n';
        }
        if (const auto* s = index.suggestion_for(f)) {
            write_suggestion(out, index, *s, st, gutter_width);
        }
    }
}

} // namespace vigil::report
