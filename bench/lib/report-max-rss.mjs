// Preloaded into a child (`node --import ./bench/lib/report-max-rss.mjs …`): writes the process's
// peak RSS (kB, from getrusage) to the file named by PEAK_RSS_FILE as it exits, so a bench can
// measure a CLI run as a user runs it, without parsing its output.
import { writeFileSync } from 'node:fs';

const target = process.env.PEAK_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
