#include <algorithm>
#include <vigil/forge/plan.hpp>

namespace vigil::forge {

bool ChangedLines::covers(const std::string& path, uint32_t first, uint32_t last) const {
    auto it = added.find(path);
    if (it == added.end() || first == 0 || last < first) {
        return false;
    }
    for (uint32_t l = first; l <= last; ++l) {
        if (!it->second.contains(l)) {
            return false;
        }
    }
    return true;
}

Plan plan_comments(const report::ReportData& data, const ChangedLines& lines,
                   const Existing& existing, Dialect dialect, size_t cap) {
    Plan plan;
    std::map<std::string, size_t> earlier; // fingerprint -> index in existing.comments
    for (size_t i = 0; i < existing.comments.size(); ++i) {
        earlier.emplace(existing.comments[i].fingerprint, i);
    }
    std::vector<const core::Finding*> order;
    for (const auto& f : data.findings) {
        order.push_back(&f);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto* a, const auto* b) { return a->severity > b->severity; });
    std::set<std::string> reported;
    for (const core::Finding* f : order) {
        if (!reported.insert(f->fingerprint).second) {
            continue; // the same content twice: one comment says it
        }
        const auto& at = f->location;
        uint32_t last = std::max(at.line, at.end_line);
        bool on_added = lines.covers(at.path, at.line, last);
        if (auto it = earlier.find(f->fingerprint); it != earlier.end()) {
            const OwnComment& c = existing.comments[it->second];
            if (c.outdated) {
                plan.revived.emplace_back(it->second,
                                          line_comment_body(data, *f, nullptr, dialect));
            }
            ++plan.kept;
            continue;
        }
        if (!on_added) {
            plan.summary.push_back({f, SummaryReason::not_on_changed_line});
            continue;
        }
        if (plan.post.size() >= cap) {
            plan.summary.push_back({f, SummaryReason::over_cap});
            continue;
        }
        auto changed = [&](uint32_t a, uint32_t b) { return lines.covers(at.path, a, b); };
        const core::Suggestion* s = committable_suggestion(data, *f, changed);
        LineComment c;
        c.fingerprint = f->fingerprint;
        c.path = at.path;
        auto old = lines.old_paths.find(at.path);
        c.old_path = old == lines.old_paths.end() ? at.path : old->second;
        // A suggestion replaces exactly the commented lines; otherwise the finding's own.
        c.start_line = s ? s->start_line : at.line;
        c.line = s ? s->end_line : last;
        c.body = line_comment_body(data, *f, s, dialect);
        c.finding = f;
        plan.post.push_back(std::move(c));
    }
    for (size_t i = 0; i < existing.comments.size(); ++i) {
        const OwnComment& c = existing.comments[i];
        if (!c.outdated && !reported.contains(c.fingerprint)) {
            plan.outdated.push_back(i);
        }
    }
    return plan;
}

} // namespace vigil::forge
