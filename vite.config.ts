import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app lives in web/ and is built to dist/web, which the server serves.
 * In development the API is proxied; VITE_API_TARGET points it at another
 * server (e.g. a throwaway one on port 3100).
 */
const apiTarget = process.env.VITE_API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd alone is larger than the default warning threshold; pages are split by route.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React and the router change less often than our code: their own chunk stays cached
        // across releases. antd is left to automatic splitting, so pages load only what they use.
        codeSplitting: {
          groups: [{ name: 'react-vendor', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
