/// CloutRender turns results into text and pictures: tables, CSV, JSON, DOT, and
/// Graphviz-rendered SVG/PNG/PDF.
public enum RenderInfo {}
