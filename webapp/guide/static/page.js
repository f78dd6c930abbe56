// The script every page runs, one file on the wire: offline, update and install (core's
// app.js), and the checklist's progress (which does nothing on a page without one).
import "../../core/scripts/app.js";
import "../scripts/progress.js";
