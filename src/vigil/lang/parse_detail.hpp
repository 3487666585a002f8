// lang (private): one parse under limits, shared by syntax checks, scopes and outlines.
// Included only by lang's .cpp files.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <tree_sitter/api.h>
#include <vigil/lang/syntax.hpp>

namespace vigil::lang::detail {

using TreePtr = std::unique_ptr<TSTree, decltype(&ts_tree_delete)>;

struct Parsed {
    TreePtr tree{nullptr, ts_tree_delete}; // null when not parsed
    std::string reason;                    // why not parsed ("larger than 4 MiB, not parsed")
};

// Parses `text` with grammar `grammar` on this thread's parser for it. Never fails: an unknown
// grammar, a text over the byte limit or a parse past the time budget gives a null tree and
// the reason.
Parsed parse(std::string_view grammar, std::string_view text, const ParseLimits& limits);

// The source text of `node`.
inline std::string_view node_text(TSNode node, std::string_view text) {
    uint32_t begin = ts_node_start_byte(node);
    uint32_t end = ts_node_end_byte(node);
    return begin <= end && end <= text.size() ? text.substr(begin, end - begin)
                                              : std::string_view();
}

// Visits every node of `tree` depth first; `visit(node, depth)` (the root is depth 0) returns
// false to skip the node's children. A cursor, not ts_node_parent, which walks from the root.
template <class Visit> void walk(TSTree* tree, Visit&& visit) {
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
    uint32_t depth = 0;
    for (;;) {
        bool descend = visit(ts_tree_cursor_current_node(&cursor), depth);
        if (descend && ts_tree_cursor_goto_first_child(&cursor)) {
            ++depth;
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            --depth;
            if (depth == UINT32_MAX || !ts_tree_cursor_goto_parent(&cursor)) {
                ts_tree_cursor_delete(&cursor);
                return;
            }
        }
    }
}

} // namespace vigil::lang::detail
