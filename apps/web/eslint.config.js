import { baseConfig } from "@tenantry/eslint-config/base";
import { nextjsConfig } from "@tenantry/eslint-config/nextjs";
import { reactConfig } from "@tenantry/eslint-config/react";

export default [...baseConfig, ...reactConfig, ...nextjsConfig, { ignores: ["next-env.d.ts"] }];
