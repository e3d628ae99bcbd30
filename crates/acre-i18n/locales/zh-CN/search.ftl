## Search: global search box, pinyin and Traditional/Simplified matching (design.md §7).
search-title = 搜索
search-label = 搜索客户和联系人
search-placeholder = 客户、联系人、拼音或电话
search-customer = 客户
search-contact = 联系人
search-customers = 客户
search-contacts = 联系人
search-none = 没有找到
search-all = 查看全部结果
search-in-list = 在列表中查看全部
