#include <algorithm>
#include <atomic>
#include <chrono>
#include <fnmatch.h>
#include <mutex>
#include <set>
#include <vigil/lang/grammar.hpp>
#include <vigil/lang/language.hpp>
#include <vigil/llm/backend.hpp>
#include <vigil/llm/pretriage.hpp>
#include <vigil/review/anchor.hpp>
#include <vigil/review/fix_check.hpp>
#include <vigil/review/pipeline.hpp>
#include <vigil/review/prompt.hpp>
#include <vigil/util/parallel.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::review {
namespace {

// Hunks one review request covers: those of one file sharing an enclosing symbol, or one hunk.
struct Group {
    size_t file = 0;
    std::vector<size_t> hunks;
    std::vector<std::string> focus;
};

// Hunks per triage request.
constexpr size_t k_triage_batch = 12;

struct FileWork {
    size_t file = 0;
    std::vector<size_t> hunks; // after pre-triage, in order
};

std::string hunk_label(const core::FileChange& f, size_t h) {
    const core::Hunk& hunk = f.hunks[h];
    return "lines " + std::to_string(hunk.new_start) + "-" +
           std::to_string(hunk.new_start + std::max(hunk.new_lines, 1u) - 1);
}

const lang::FileContext* context_of(const ReviewInput& in, const std::string& path) {
    for (const auto& c : in.context) {
        if (c.path == path) {
            return &c;
        }
    }
    return nullptr;
}

// The innermost symbol a hunk's context source shows, or "" for a line window.
std::string symbol_key(const lang::FileContext* ctx, size_t h) {
    if (!ctx || h >= ctx->hunks.size()) {
        return "";
    }
    const auto& hc = ctx->hunks[h];
    if (hc.source_of.empty() || hc.source_of == "lines" || hc.source.empty()) {
        return "";
    }
    return hc.source_of + "@" + std::to_string(hc.source.front().start_line);
}

std::vector<Group> group_hunks(const ReviewInput& in, const FileWork& w,
                               const std::map<size_t, std::string>& focus) {
    const auto& file = in.changes.files[w.file];
    const lang::FileContext* ctx = context_of(in, file.path());
    std::vector<Group> groups;
    std::map<std::string, size_t> by_symbol;
    for (size_t h : w.hunks) {
        std::string key = symbol_key(ctx, h);
        Group* g = nullptr;
        if (!key.empty()) {
            if (auto it = by_symbol.find(key); it != by_symbol.end()) {
                g = &groups[it->second];
            } else {
                by_symbol[key] = groups.size();
            }
        }
        if (!g) {
            groups.push_back({w.file, {}, {}});
            g = &groups.back();
        }
        g->hunks.push_back(h);
        if (auto f = focus.find(h); f != focus.end() && !f->second.empty()) {
            g->focus.push_back(hunk_label(file, h) + ": " + f->second);
        }
    }
    return groups;
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    bool blank = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            blank = !out.empty();
            continue;
        }
        if (blank) {
            out += ' ';
            blank = false;
        }
        out += c;
    }
    return out;
}

std::string instructions_for(const ReviewOptions& o, const std::string& path) {
    std::string text;
    for (const auto& i : o.instructions) {
        if (instruction_applies(i.paths, path)) {
            text += (text.empty() ? "" : "\n") + i.text;
        }
    }
    return text;
}

// What the run collects from its worker threads.
struct Collector {
    std::mutex mutex;
    core::ReviewSummary summary;
    std::vector<core::Finding> findings;
    std::vector<core::Suggestion> suggestions;

    void not_reviewed(const std::string& path, const std::string& reason) {
        std::lock_guard lock(mutex);
        summary.not_reviewed.push_back({path, reason, {}});
    }
    void failure(const llm::LlmError& e) {
        std::lock_guard lock(mutex);
        // An answer that is not the JSON asked for is data: its words are not repeated.
        std::string words = e.failure == llm::Failure::malformed_output
                                ? e.endpoint + ": " + std::string(llm::to_string(e.failure))
                                : e.describe();
        if (std::find(summary.failures.begin(), summary.failures.end(), words) ==
            summary.failures.end()) {
            summary.failures.push_back(std::move(words));
        }
    }
};

core::Finding to_finding(const ModelFinding& m, const Anchor& a, const std::string& path,
                         const std::string& commit, const std::string& model) {
    core::Finding f;
    f.commit = commit;
    f.model = model;
    f.rule_id = model_rule_id(m.category);
    f.category = m.category;
    f.severity = m.severity;
    f.message = m.title;
    if (!m.explanation.empty()) {
        f.message += (m.title.ends_with('.') ? " " : ". ") + m.explanation;
    }
    f.location.path = path;
    f.location.line = a.first_line;
    f.location.end_line = a.last_line;
    for (size_t i = 0; i < a.lines.size(); ++i) {
        f.line_text += (i ? "\n" : "") + a.lines[i];
    }
    const std::string& first = a.lines.front();
    size_t begin = std::min(first.find_first_not_of(" \t"), first.size());
    f.match = {uint32_t(begin), uint32_t(first.size())};
    f.location.column = uint32_t(begin + 1);
    f.location.char_column = uint32_t(util::count_chars(first.substr(0, begin)) + 1);
    f.location.end_column = uint32_t(a.lines.back().size() + 1);
    f.location.char_end_column = uint32_t(util::count_chars(a.lines.back()) + 1);
    f.fingerprint = model_fingerprint(f.rule_id, path, a.lines);
    return f;
}

std::vector<std::string> removed_lines(const core::Hunk& hunk) {
    std::vector<std::string> out;
    for (const auto& l : hunk.lines) {
        if (l.kind == core::LineKind::removed) {
            out.emplace_back(l.text());
        }
    }
    return out;
}

class Run {
public:
    Run(llm::Router& router, const ReviewInput& in, const ReviewOptions& o)
        : m_router(router), m_in(in), m_o(o), m_redactor(in.rules, in.rule_findings) {}

    ReviewResult go();

private:
    void triage(const std::vector<llm::HunkRef>& batch,
                std::set<std::pair<size_t, size_t>>& routine,
                std::map<std::pair<size_t, size_t>, std::string>& focus);
    void review(const Group& g);
    std::vector<ModelFinding> verify(const PromptParts& parts, std::vector<ModelFinding> found);
    void add_fix(const ModelFinding& m, const Anchor& a, const core::Finding& f,
                 const core::FileChange& file);
    llm::ChatRequest request(std::vector<llm::Message> messages, std::string schema,
                             std::string_view template_version, int num_predict) const;
    bool reserve(uint64_t tokens);

    llm::Router& m_router;
    const ReviewInput& m_in;
    const ReviewOptions& m_o;
    Redactor m_redactor;
    Collector m_out;
    std::atomic<uint64_t> m_tokens{0};
    std::mutex m_text_mutex;
    std::map<std::string, std::optional<std::string>> m_texts; // new text by path
};

llm::ChatRequest Run::request(std::vector<llm::Message> messages, std::string schema,
                              std::string_view template_version, int num_predict) const {
    llm::ChatRequest r;
    r.messages = std::move(messages);
    r.schema = std::move(schema);
    r.template_version = std::string(template_version);
    r.num_predict = num_predict;
    r.temperature = 0.1;
    return r;
}

bool Run::reserve(uint64_t tokens) {
    uint64_t used = m_tokens.load();
    do {
        if (used + tokens > m_o.max_run_tokens) {
            return false;
        }
    } while (!m_tokens.compare_exchange_weak(used, used + tokens));
    return true;
}

// Asks the triage model which of a batch of hunks need the reviewer; the routine ones are
// added to `routine`, what it says to look at to `focus`. A triage model that fails or says
// nothing about a hunk keeps it: triage only ever saves work.
void Run::triage(const std::vector<llm::HunkRef>& batch,
                 std::set<std::pair<size_t, size_t>>& routine,
                 std::map<std::pair<size_t, size_t>, std::string>& focus) {
    std::vector<TriageItem> items;
    for (const auto& ref : batch) {
        items.push_back({&m_in.changes.files[ref.file], ref.hunk});
    }
    auto messages = triage_prompt(items, m_redactor);
    size_t bytes = 0;
    for (const auto& m : messages) {
        bytes += m.content.size();
    }
    if (!reserve(llm::tokens_upper_bound(bytes))) {
        return;
    }
    auto reply =
        m_router.chat(llm::Role::triage, request(std::move(messages), triage_schema(),
                                                 k_triage_template, 64 + 48 * int(batch.size())));
    if (!reply) {
        m_out.failure(reply.error());
        return;
    }
    auto verdicts = parse_triage_answer(reply->content);
    if (!verdicts) {
        return;
    }
    std::lock_guard lock(m_out.mutex);
    for (size_t i = 0; i < batch.size(); ++i) {
        auto key = std::pair(batch[i].file, batch[i].hunk);
        auto v = verdicts->find(int(i + 1));
        if (v == verdicts->end()) {
            continue;
        }
        if (!v->second.review) {
            routine.insert(key);
            ++m_out.summary.triaged_out;
        } else if (!v->second.focus.empty()) {
            focus[key] = v->second.focus;
        }
    }
}

std::vector<ModelFinding> Run::verify(const PromptParts& parts, std::vector<ModelFinding> found) {
    auto messages = verify_prompt(parts, found, m_redactor);
    auto reply =
        m_router.chat(llm::Role::verify, request(std::move(messages), verify_schema(),
                                                 k_verify_template, 64 + 64 * int(found.size())));
    if (!reply) {
        m_out.failure(reply.error()); // unverified findings stay: the reviewer's word stands
        return found;
    }
    auto scores = parse_verify_answer(reply->content);
    if (!scores) {
        return found;
    }
    std::vector<ModelFinding> kept;
    for (size_t i = 0; i < found.size(); ++i) {
        auto s = scores->find(int(i + 1));
        if (s != scores->end() && s->second < m_o.min_score) {
            std::lock_guard lock(m_out.mutex);
            ++m_out.summary.verify_dropped;
            continue;
        }
        kept.push_back(std::move(found[i]));
    }
    return kept;
}

void Run::add_fix(const ModelFinding& m, const Anchor& a, const core::Finding& f,
                  const core::FileChange& file) {
    std::optional<std::string> text;
    {
        std::lock_guard lock(m_text_mutex);
        auto it = m_texts.find(file.path());
        if (it == m_texts.end()) {
            it = m_texts.emplace(file.path(), m_in.new_text ? m_in.new_text(file) : std::nullopt)
                     .first;
        }
        text = it->second;
    }
    if (!text) {
        std::lock_guard lock(m_out.mutex);
        ++m_out.summary.rejected[std::string(to_string(FixRejection::does_not_apply))];
        return;
    }
    FixProposal p;
    p.path = file.path();
    p.grammar = std::string(lang::grammar_for(p.path, *text));
    p.base_text = std::move(*text);
    p.base_id = file.new_id;
    p.mode = file.new_mode == core::FileMode::none ? 0100644 : uint32_t(file.new_mode);
    p.start_line = a.first_line;
    p.end_line = a.last_line;
    p.anchored_lines = a.lines;
    p.replacement = *m.replacement;
    p.removed_lines = removed_lines(file.hunks[a.hunk]);
    p.finding_text = m.title + "\n" + m.explanation;
    p.rule_id = f.rule_id;
    p.fingerprint = f.fingerprint;
    p.description = m.title;
    auto checked = check_fix(p, m_in.rules);
    std::lock_guard lock(m_out.mutex);
    if (!checked) {
        ++m_out.summary.rejected[std::string(to_string(checked.error()))];
        return;
    }
    m_out.suggestions.push_back(std::move(*checked));
}

void Run::review(const Group& g) {
    const auto& file = m_in.changes.files[g.file];
    PromptParts parts;
    parts.file = &file;
    parts.context = context_of(m_in, file.path());
    parts.hunks = g.hunks;
    parts.focus = g.focus;
    parts.instructions = instructions_for(m_o, file.path());
    parts.max_findings = m_o.max_findings;
    std::string language(lang::language_of(file.path()));
    for (const auto& e : m_o.examples) {
        if (parts.examples.size() < 2 && !language.empty() &&
            lang::language_of(e.path) == language) {
            parts.examples.emplace_back(e.before, e.after);
        }
    }
    parts.avoid = m_o.avoid;
    for (const auto& f : m_in.rule_findings) {
        for (size_t h : g.hunks) {
            const auto& hunk = file.hunks[h];
            if (f.location.path == file.path() && f.location.line >= hunk.new_start &&
                f.location.line < hunk.new_start + hunk.new_lines) {
                parts.rule_findings.push_back(&f);
                break;
            }
        }
    }
    std::string what =
        file.path() + " " + hunk_label(file, g.hunks.front()) +
        (g.hunks.size() > 1 ? " (+" + std::to_string(g.hunks.size() - 1) + " hunks)" : "");
    auto prompt = review_prompt(parts, m_redactor, m_o.max_request_tokens);
    if (!prompt) {
        m_out.not_reviewed(what, "too large for one request (" +
                                     std::to_string(m_o.max_request_tokens) + " tokens)");
        return;
    }
    size_t bytes = 0;
    for (const auto& m : prompt->messages) {
        bytes += m.content.size();
    }
    if (!reserve(llm::tokens_upper_bound(bytes))) {
        m_out.not_reviewed(what, "the run's token budget (" + std::to_string(m_o.max_run_tokens) +
                                     ") was used up");
        return;
    }
    llm::ChatRequest ask = request(std::move(prompt->messages), review_schema(m_o.max_findings),
                                   k_review_template, 256 + 320 * int(m_o.max_findings));
    ask.model = m_o.review_model; // the router keeps it only if the role lists it
    auto reply = m_router.chat(llm::Role::review, std::move(ask));
    if (!reply) {
        m_out.failure(reply.error());
        m_out.not_reviewed(what, std::string(llm::to_string(reply.error().failure)));
        return;
    }
    auto answer = parse_review_answer(reply->content, m_o.max_findings);
    if (!answer) {
        m_out.not_reviewed(what, "the answer was not the JSON asked for");
        return;
    }
    {
        std::lock_guard lock(m_out.mutex);
        ++m_out.summary.reviewed;
        m_out.summary.invalid += answer->invalid;
    }
    std::vector<ModelFinding> found;
    std::vector<Anchor> anchors;
    for (auto& m : answer->findings) {
        auto a = resolve_anchor(m.quote, file, g.hunks);
        std::lock_guard lock(m_out.mutex);
        if (!a) {
            ++m_out.summary.unanchored;
            continue;
        }
        ++m_out.summary.anchored;
        found.push_back(std::move(m));
        anchors.push_back(std::move(*a));
    }
    if (!found.empty() && (m_o.verify && m_router.has_role(llm::Role::verify))) {
        std::vector<ModelFinding> kept = verify(parts, found);
        std::vector<Anchor> kept_anchors;
        for (const auto& k : kept) {
            for (size_t i = 0; i < found.size(); ++i) {
                if (found[i].quote == k.quote && found[i].title == k.title) {
                    kept_anchors.push_back(anchors[i]);
                    break;
                }
            }
        }
        found = std::move(kept);
        anchors = std::move(kept_anchors);
    }
    std::vector<std::string> seen;
    for (size_t i = 0; i < found.size(); ++i) {
        core::Finding f =
            to_finding(found[i], anchors[i], file.path(), m_in.changes.commit, reply->model);
        if (std::find(seen.begin(), seen.end(), f.fingerprint) != seen.end()) {
            continue; // the same problem quoted twice in one answer
        }
        seen.push_back(f.fingerprint);
        if (found[i].replacement) {
            add_fix(found[i], anchors[i], f, file);
        }
        std::lock_guard lock(m_out.mutex);
        m_out.findings.push_back(std::move(f));
    }
}

ReviewResult Run::go() {
    auto start = std::chrono::steady_clock::now();
    auto pre = llm::pretriage(m_in.changes);
    auto& summary = m_out.summary;
    for (const auto& f : m_in.changes.files) {
        summary.hunks += f.hunks.size();
    }
    for (const auto& s : pre.skipped) {
        if (s.hunk) {
            ++summary.pretriaged;
        } else {
            for (const auto& f : m_in.changes.files) {
                summary.pretriaged += f.path() == s.path ? f.hunks.size() : 0;
            }
        }
    }
    bool triage = m_o.triage && m_router.has_role(llm::Role::triage) &&
                  m_router.plan().roles.at(llm::Role::triage).model !=
                      m_router.plan().roles.at(llm::Role::review).model;
    unsigned threads = std::max(1u, m_o.threads);
    std::set<std::pair<size_t, size_t>> routine;
    std::map<std::pair<size_t, size_t>, std::string> focus;
    if (triage) {
        // Hunks of any files share a triage request: its cost must stay well under the review
        // requests it saves.
        std::vector<std::vector<llm::HunkRef>> batches;
        for (const auto& ref : pre.review) {
            if (batches.empty() || batches.back().size() >= k_triage_batch) {
                batches.emplace_back();
            }
            batches.back().push_back(ref);
        }
        util::parallel_for(batches.size(), threads,
                           [&](unsigned, size_t i) { this->triage(batches[i], routine, focus); });
    }
    std::vector<Group> groups;
    for (size_t i = 0; i < pre.review.size();) {
        FileWork w{pre.review[i].file, {}};
        std::map<size_t, std::string> file_focus;
        for (; i < pre.review.size() && pre.review[i].file == w.file; ++i) {
            auto key = std::pair(w.file, pre.review[i].hunk);
            if (routine.contains(key)) {
                continue;
            }
            w.hunks.push_back(key.second);
            if (auto f = focus.find(key); f != focus.end()) {
                file_focus[key.second] = f->second;
            }
        }
        auto file_groups = group_hunks(m_in, w, file_focus);
        std::move(file_groups.begin(), file_groups.end(), std::back_inserter(groups));
    }
    summary.groups = groups.size();
    util::parallel_for(groups.size(), threads, [&](unsigned, size_t i) { review(groups[i]); });

    ReviewResult result;
    result.findings = std::move(m_out.findings);
    std::sort(result.findings.begin(), result.findings.end(), [](const auto& a, const auto& b) {
        return std::tie(a.location.path, a.location.line, a.rule_id) <
               std::tie(b.location.path, b.location.line, b.rule_id);
    });
    result.suggestions = std::move(m_out.suggestions);
    std::sort(result.suggestions.begin(), result.suggestions.end(),
              [](const auto& a, const auto& b) {
                  return std::tie(a.path, a.start_line) < std::tie(b.path, b.start_line);
              });
    summary.findings = result.findings.size();
    summary.suggestions = result.suggestions.size();
    std::sort(summary.not_reviewed.begin(), summary.not_reviewed.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    for (const auto& row : m_router.accounting().rows()) {
        summary.usage.push_back({std::string(llm::to_string(row.role)), row.model, row.requests,
                                 row.failures, row.cache_hits, row.prompt_tokens, row.output_tokens,
                                 double(row.elapsed.count()) / 1000.0});
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.summary = std::move(summary);
    return result;
}

} // namespace

bool instruction_applies(std::string_view glob, std::string_view path) {
    if (glob.empty()) {
        return true;
    }
    std::string g(glob);
    std::string p(path);
    if (g.find('/') == std::string::npos) {
        size_t slash = p.rfind('/');
        p = slash == std::string::npos ? p : p.substr(slash + 1);
    }
    return fnmatch(g.c_str(), p.c_str(), 0) == 0;
}

std::string model_rule_id(std::string_view category) {
    return "model/" + std::string(category);
}

std::string model_fingerprint(std::string_view rule_id, std::string_view path,
                              const std::vector<std::string>& lines) {
    std::string joined;
    for (const auto& l : lines) {
        joined += l + "\n";
    }
    return core::fingerprint_for(rule_id, path, collapse_whitespace(joined));
}

ReviewResult review_changes(llm::Router& router, const ReviewInput& input,
                            const ReviewOptions& options) {
    return Run(router, input, options).go();
}

} // namespace vigil::review
