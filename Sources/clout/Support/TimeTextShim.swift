import CloutRender

/// The CLI prints times through CloutRender's UTC formatter.
typealias TimeTextShim = TimeText
