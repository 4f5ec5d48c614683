# frozen_string_literal: true

require "csv"
require "json"
require "terminal-table"

module InvoiceExport
  HEADERS = %w[number customer issued_on total_cents currency].freeze

  def self.load(path, month:)
    JSON.parse(File.read(path)).select { |inv| inv["issued_on"].start_with?(month) }
  end

  def self.to_csv(invoices)
    CSV.generate do |csv|
      csv << HEADERS
      invoices.each { |inv| csv << HEADERS.map { |h| inv[h] } }
    end
  end

  def self.summary_table(invoices)
    rows = invoices.group_by { |inv| inv["currency"] }.map do |currency, list|
      [currency, list.size, format("%.2f", list.sum { |inv| inv["total_cents"] } / 100.0)]
    end
    Terminal::Table.new(headings: %w[Currency Invoices Total], rows: rows)
  end
end
