// Preact with hooks and htm's tagged templates, from the package copied into /static/vendor.
// Text put into templates is escaped by Preact: pages never build HTML from strings.
export {
  html, render, Component, createContext,
  useState, useEffect, useRef, useMemo, useCallback, useContext, useReducer,
} from '/static/vendor/preact-htm.js';
