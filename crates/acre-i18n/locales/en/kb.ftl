# Acre — English: sales materials (KB1–KB9) and the generic list, form, print and import pages. Keys must match the other locales (a test checks).

## Navigation
nav-kb = Sales materials

## Record actions
record-new = New
record-edit = Edit
record-delete = Delete
record-restore = Restore
record-purge = Delete permanently
record-trash = Trash
record-history = History
record-attachments = Attachments
record-upload = Upload
record-upload-file = Upload a file
record-download = Download
record-print = Print
record-print-preview = Print preview
record-export-xlsx = Export to Excel
record-export-docx = Export to Word
record-import = Import
record-detail = Details
record-created = Created
record-updated = Last changed
record-author = Created by
record-editor = Changed by
record-related = Related records
record-in-force = In force
record-empty-value = —

## Lists
list-search-placeholder = Search…
list-filters = Filters
list-apply = Apply
list-reset = Reset
list-columns = Columns
list-views = Views
list-save-view = Save as view
list-view-name = View name
list-view-shared = Share with everyone
list-selected = { $count } selected
list-bulk-delete = Delete selected
list-bulk-set = Change selected
list-bulk-field = Field
list-bulk-value = New value
list-select-all = Select all
list-min = Min
list-max = Max
list-is-empty = Is empty
list-not-empty = Is not empty
list-any = Any
list-page = Page { $page }
value-yes = Yes
value-no = No

## Printing
print-page-setup = Page setup
print-setup = Print settings
print-paper = Paper
print-orientation = Orientation
print-portrait = Portrait
print-landscape = Landscape
print-margin = Margins (mm)
print-title = Title
print-header = Header
print-footer = Footer
print-page-numbers = Show page numbers
print-repeat-header = Repeat the header row on every page
print-columns = Columns to print, in order
print-save = Save settings
print-now = Print
print-page-of = Page { $page } of { $pages }

## Import
import-title = Import { $name }
import-file = File (.xlsx or .csv; UTF-8, GBK or Big5)
import-limits = At most { $rows } rows, { $mb } MB
import-mapping = Column mapping
import-column = Column in the file
import-field = Field
import-ignore = Do not import
import-policy = Duplicates
import-policy-skip = Skip
import-policy-update = Update
import-policy-create = Create anyway
import-preview = Preview
import-run = Start import
import-result = Import finished: { $created } created, { $updated } updated, { $skipped } skipped, { $failed } failed
import-errors = Error report
import-row = Row
import-reason = Reason

## History and notices
audit-restored = restored
audit-purged = deleted permanently
audit-attached = added an attachment
audit-detached = removed an attachment
audit-imported = imported
flash-restored = Restored.
flash-bulk-done = { $count } records processed.
flash-view-saved = View saved.
flash-print-saved = Print settings saved.
flash-attached = Attachment uploaded.

## Errors
err-too-long = Too long.
err-single-line = One line only.
err-integer = Enter a whole number.
err-number = Enter a number.
err-money = Enter an amount such as 1234.50.
err-date = Enter a date such as 2026-11-27.
err-datetime = Enter a date and time such as 2026-11-27 09:30.
err-option = Choose from the list.
err-url = Enter an address starting with http:// or https://.
err-bool = Enter yes or no.
err-no-such-record = The chosen record does not exist or has been deleted.
err-no-such-field = No such field.
err-bulk-unique = Unique fields cannot be changed in bulk.
err-bulk-too-many = At most 1000 records at a time.
err-file-empty = Choose a file.
err-file-too-large = The file is too large.
err-import-too-large = The file exceeds the size limit.
err-import-too-many-rows = The file has too many rows.
err-import-unreadable = Cannot read this file; use .xlsx or .csv.
err-import-empty = The file has no header row.
err-export-failed = Export failed.
err-export-too-many = Too many records for Word (at most 5,000); filter the list first, or export to Excel.
err-import-expired = The import has expired; upload the file again.

## Sales materials: Products (product)
product-name = Products
product-one = product
product-section-main = General
product-section-fab = FAB analysis
product-field-name = Product name
product-field-code = Product code
product-field-category = Category
product-field-unit = Unit
product-field-features = Features
product-field-functions = Functions
product-field-benefits = Benefits
product-field-advantages = Advantages
product-field-disadvantages = Disadvantages
product-field-quotation_strategy = Quotation strategy
product-category-software = Software
product-category-hardware = Hardware
product-category-service = Service
product-category-accessory = Accessory
product-category-other = Other

## Sales materials: Product prices (price_strategy)
price_strategy-name = Product prices
price_strategy-one = price strategy
price_strategy-section-main = General
price_strategy-field-name = Strategy name
price_strategy-field-product_id = Product
price_strategy-field-list_price = List price
price_strategy-field-floor_price = Floor price
price_strategy-field-currency = Currency
price_strategy-field-discount_tiers = Discount rules
price_strategy-field-valid_from = Valid from
price_strategy-field-valid_to = Valid until
price_strategy-field-notes = Notes
price_strategy-currency-CNY = Chinese yuan (CNY)
price_strategy-currency-USD = US dollar (USD)
price_strategy-currency-HKD = Hong Kong dollar (HKD)
price_strategy-currency-TWD = New Taiwan dollar (TWD)
price_strategy-currency-EUR = Euro (EUR)

## Sales materials: Solutions (solution)
solution-name = Solutions
solution-one = solution
solution-section-main = General
solution-section-body = Full text
solution-field-title = Title
solution-field-industries = Industries
solution-field-products = Products
solution-field-summary = Summary
solution-field-body = Full text
solution-industries-electronics = Electronics
solution-industries-motors = Electric motors
solution-industries-appliances = Home appliances
solution-industries-machinery = Machinery
solution-industries-hardware = Hardware
solution-industries-tools = Tools
solution-industries-transport = Transport equipment
solution-industries-chemicals = Chemicals
solution-industries-pharma = Pharmaceuticals
solution-industries-food = Food
solution-industries-beverage = Beverages
solution-industries-apparel = Apparel
solution-industries-home_textiles = Home textiles
solution-industries-bakery = Bakery
solution-industries-boutiques = Boutiques
solution-industries-chain_3c = 3C chain stores
solution-industries-furniture = Furniture chains
solution-industries-department_stores = Department stores and malls
solution-industries-other = Other

## Sales materials: Success cases (success_case)
success_case-name = Success cases
success_case-one = success case
success_case-section-main = General
success_case-section-story = The case
success_case-field-title = Title
success_case-field-customer_name = Customer
success_case-field-industry = Industry
success_case-field-products = Products sold
success_case-field-customer_intro = About the customer
success_case-field-customer_needs = Customer needs
success_case-field-competitors = Competitors
success_case-field-success_keys = Keys to success
success_case-field-highlights = Marketing highlights
success_case-field-customer_evaluation = Customer evaluation
success_case-field-summary = Case summary
success_case-field-remarks = Remarks
success_case-industry-electronics = Electronics
success_case-industry-motors = Electric motors
success_case-industry-appliances = Home appliances
success_case-industry-machinery = Machinery
success_case-industry-hardware = Hardware
success_case-industry-tools = Tools
success_case-industry-transport = Transport equipment
success_case-industry-chemicals = Chemicals
success_case-industry-pharma = Pharmaceuticals
success_case-industry-food = Food
success_case-industry-beverage = Beverages
success_case-industry-apparel = Apparel
success_case-industry-home_textiles = Home textiles
success_case-industry-bakery = Bakery
success_case-industry-boutiques = Boutiques
success_case-industry-chain_3c = 3C chain stores
success_case-industry-furniture = Furniture chains
success_case-industry-department_stores = Department stores and malls
success_case-industry-other = Other

## Sales materials: Failure cases (failure_case)
failure_case-name = Failure cases
failure_case-one = failure case
failure_case-section-main = General
failure_case-section-story = The case
failure_case-field-title = Title
failure_case-field-customer_name = Customer
failure_case-field-industry = Industry
failure_case-field-products = Products offered
failure_case-field-customer_needs = Customer needs
failure_case-field-competitors = Competitors
failure_case-field-winner = Won by
failure_case-field-failure_point = Where it was lost
failure_case-field-reasons = Reasons
failure_case-field-lessons = Lessons learned
failure_case-field-remarks = Remarks
failure_case-industry-electronics = Electronics
failure_case-industry-motors = Electric motors
failure_case-industry-appliances = Home appliances
failure_case-industry-machinery = Machinery
failure_case-industry-hardware = Hardware
failure_case-industry-tools = Tools
failure_case-industry-transport = Transport equipment
failure_case-industry-chemicals = Chemicals
failure_case-industry-pharma = Pharmaceuticals
failure_case-industry-food = Food
failure_case-industry-beverage = Beverages
failure_case-industry-apparel = Apparel
failure_case-industry-home_textiles = Home textiles
failure_case-industry-bakery = Bakery
failure_case-industry-boutiques = Boutiques
failure_case-industry-chain_3c = 3C chain stores
failure_case-industry-furniture = Furniture chains
failure_case-industry-department_stores = Department stores and malls
failure_case-industry-other = Other

## Sales materials: Contract templates (contract_template)
contract_template-name = Contract templates
contract_template-one = contract template
contract_template-section-main = General
contract_template-section-body = Contract text
contract_template-field-name = Template name
contract_template-field-contract_type = Contract type
contract_template-field-applicable_products = Applicable products
contract_template-field-template_file = Template document
contract_template-field-body = Contract text
contract_template-field-notes = Usage notes
contract_template-contract_type-sales = Sales contract
contract_template-contract_type-service = Service contract
contract_template-contract_type-maintenance = Maintenance contract
contract_template-contract_type-framework = Framework agreement
contract_template-contract_type-other = Other

## Sales materials: Competitors (competitor)
competitor-name = Competitors
competitor-one = competitor
competitor-section-main = General
competitor-section-analysis = Competitive analysis
competitor-field-name = Company name
competitor-field-website = Website
competitor-field-size = Company size
competitor-field-regions = Regions
competitor-field-main_products = Main products
competitor-field-strengths = Strengths
competitor-field-weaknesses = Weaknesses
competitor-field-strategy = Usual sales strategy
competitor-field-counter = How to counter
competitor-size-small = Small
competitor-size-medium = Medium-sized
competitor-size-large = Large
competitor-size-listed = Listed company

## Sales materials: Competitor products (competitor_product)
competitor_product-name = Competitor products
competitor_product-one = competitor product
competitor_product-section-main = General
competitor_product-field-name = Product name
competitor_product-field-competitor_id = Competitor
competitor_product-field-our_product_id = Our matching product
competitor_product-field-price_level = Price level
competitor_product-field-strengths = Strengths
competitor_product-field-weaknesses = Weaknesses
competitor_product-field-counter_arguments = Counter-arguments
competitor_product-price_level-lower = Lower than ours
competitor_product-price_level-similar = Similar to ours
competitor_product-price_level-higher = Higher than ours

## Sales materials: Competitor personnel (competitor_person)
competitor_person-name = Competitor personnel
competitor_person-one = competitor salesperson
competitor_person-section-main = General
competitor_person-field-name = Name
competitor_person-field-competitor_id = Competitor
competitor_person-field-title = Job title
competitor_person-field-region = Region
competitor_person-field-phone = Phone
competitor_person-field-experience = Experience
competitor_person-field-selling_style = Selling style
competitor_person-field-relationships = Customer relationships
competitor_person-field-notes = Notes
