import { makeDraggable } from './lib/drag.js';

// The page has one draggable panel, made draggable once when the module loads.
makeDraggable(document.getElementById('panel'));
