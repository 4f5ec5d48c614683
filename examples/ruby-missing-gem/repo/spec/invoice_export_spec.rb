# frozen_string_literal: true

require_relative "../lib/invoice_export"

RSpec.describe InvoiceExport do
  let(:invoices) do
    [
      { "number" => "2026-0101", "customer" => "Acme", "issued_on" => "2026-11-03", "total_cents" => 12_500, "currency" => "EUR" },
      { "number" => "2026-0102", "customer" => "Globex", "issued_on" => "2026-11-17", "total_cents" => 9_990, "currency" => "EUR" }
    ]
  end

  it "writes one CSV row per invoice after the header" do
    rows = CSV.parse(described_class.to_csv(invoices))
    expect(rows.first).to eq(InvoiceExport::HEADERS)
    expect(rows.size).to eq(3)
  end

  it "sums the totals per currency" do
    expect(described_class.summary_table(invoices).to_s).to include("224.90")
  end
end
