class RemoveLegacyTokenFromUsers < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :legacy_token, :string
  end
end
