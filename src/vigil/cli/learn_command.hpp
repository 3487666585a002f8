// cli: `vigil learn` — what the feedback store has learnt: `stats` per rule; `export` of the
// feedback (to share with a team or CI runners), of fixes as fine-tuning pairs, or as an
// Ollama Modelfile carrying the team's preferences; `import` of another store's feedback.
#pragma once

#include <string>

namespace vigil::cli {

struct LearnRequest {
    std::string action;                     // stats | export | import
    std::string format = "text";            // stats: text | json
    std::string feedback_file;              // export --feedback FILE, or import FILE
    std::string jsonl_file;                 // export --jsonl FILE
    std::string modelfile;                  // export --modelfile FILE
    std::string model = "qwen2.5-coder:7b"; // the Modelfile's FROM
    std::string repo_dir = ".";
};

// 0 on success (an empty store is not an error); 2 for bad options; 3 when a file cannot be
// written or read.
int run_learn(const LearnRequest& request);

} // namespace vigil::cli
