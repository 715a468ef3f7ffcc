//! A chart as data: its kind, unit, categories and series, built by the
//! report views and drawn by `draw`.

/// Width and height of every chart's drawing, in SVG units.
pub(crate) const W: f64 = 720.0;
pub(crate) const H: f64 = 300.0;
/// Series colours, as CSS variables defined for both themes.
pub(crate) const SERIES: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Horizontal bars, one group per category (long labels read well).
    Bar,
    /// Vertical bars stacked per category (months, weeks).
    StackedBar,
    /// One line per series over the categories.
    Line,
    /// Centred bars narrowing stage by stage.
    Funnel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// Amounts in cents of the named currency are given in whole units.
    Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub unit: Unit,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

impl Chart {
    pub fn new(kind: ChartKind, unit: Unit, categories: Vec<String>) -> Chart {
        Chart { kind, unit, categories, series: Vec::new() }
    }

    pub fn series(mut self, name: impl Into<String>, values: Vec<f64>) -> Chart {
        self.series.push(Series { name: name.into(), values });
        self
    }
}
