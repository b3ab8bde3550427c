// The window's first script, kept small: it starts loading the rest of the code (most of it),
// then a draft window asks main for its draft at once, so that main reads and computes it
// while that code loads and starts, instead of after.
import { openEarly } from './features/draft/opening';

void import('./boot');
openEarly();
