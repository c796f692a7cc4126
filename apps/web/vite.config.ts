import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const api = 'http://127.0.0.1:3000';

// In development Vite serves the app and hands the API to the cascade server; in production the
// server itself serves dist/.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/trpc': { target: api, changeOrigin: false }, '/health': api } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Libraries change less often than the app: separate chunks stay cached across releases. The
    // heavy ones (diagrams, charts, spreadsheets) go with the lazily loaded screens that use them.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component|dayjs)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|@trpc)[\\/]/ },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 1200,
  },
  // Ant Design renders slowly in jsdom: a whole-page test takes seconds on a busy machine.
  test: { environment: 'jsdom', testTimeout: 30_000, include: ['src/**/*.test.{ts,tsx}'], setupFiles: ['src/test/setup.ts'], css: false },
});
