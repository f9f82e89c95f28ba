"""The Qt layer: windows, panes, docks, dialogs and background workers. Thin over the core."""
