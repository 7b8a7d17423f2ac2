// Tailwind CSS v4 through its PostCSS plugin (the config lives in src/app/globals.css).
const config = {
  plugins: { "@tailwindcss/postcss": {} },
};

export default config;
