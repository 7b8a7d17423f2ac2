import { baseConfig } from "@tenantry/eslint-config/base";

export default baseConfig;
