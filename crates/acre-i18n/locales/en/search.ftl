## Search: global search box, pinyin and Traditional/Simplified matching (design.md §7).
