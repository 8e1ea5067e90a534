class AddIndexFirst < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    # remove_column :users, :legacy_token -- in the next release
    add_index :users, :email, algorithm: :concurrently
    say "drop_table is for later"
  end
end
