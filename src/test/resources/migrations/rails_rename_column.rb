class RenameTotalOnOrders < ActiveRecord::Migration[7.1]
  def change
    rename_column :orders, :total, :total_cents
  end
end
