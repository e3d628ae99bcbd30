## Search: global search box, pinyin and Traditional/Simplified matching (design.md §7).
search-title = 搜尋
search-label = 搜尋客戶和聯絡人
search-placeholder = 客戶、聯絡人、拼音或電話
search-customer = 客戶
search-contact = 聯絡人
search-customers = 客戶
search-contacts = 聯絡人
search-none = 沒有找到
search-all = 查看全部結果
search-in-list = 在清單中查看全部
