UPDATE persons SET is_identified = false;
