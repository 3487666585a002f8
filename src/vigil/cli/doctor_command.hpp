// cli: `vigil doctor` — is a model usable, and if not, what to do.
#pragma once

#include <vigil/config/llm_config.hpp>

namespace vigil::cli {

struct DoctorRequest {
    config::LlmConfigRequest llm;
};

// Reports each endpoint (reachable, version, models installed), each role's model, endpoint
// and context length, and what to do about anything missing, on stdout. Exit 0 when the
// review role has a model it can reach; 3 when it has none (vigil then runs its rules only);
// 2 for a configuration error.
int run_doctor(const DoctorRequest& request);

} // namespace vigil::cli
