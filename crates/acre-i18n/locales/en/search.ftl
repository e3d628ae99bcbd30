## Search: global search box, pinyin and Traditional/Simplified matching (design.md §7).
search-title = Search
search-label = Search customers and contacts
search-placeholder = Customer, contact, pinyin or phone
search-customer = Customer
search-contact = Contact
search-customers = Customers
search-contacts = Contacts
search-none = Nothing found
search-all = All results
search-in-list = See all in the list
