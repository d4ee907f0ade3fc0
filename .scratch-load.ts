import { openDatabase } from './main/db/open-database.js';
import { loadClients } from './main/import/client-store.js';
const db = openDatabase('/tmp/imp-scratch/ph.sqlite');
for (let i = 0; i < 3; i++) { const t0 = process.cpuUsage(); const w = performance.now(); const c = loadClients(db, 1); const c1 = process.cpuUsage(t0); console.log(c.length, (performance.now() - w).toFixed(0), ((c1.user + c1.system) / 1000).toFixed(0)); }
