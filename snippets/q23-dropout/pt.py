import torch
from torch import nn

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")

# p is the probability of zeroing each element (not the probability of keeping it).
p = 0.3
dropout = nn.Dropout(p)
x = torch.ones(1000, 1000, device=device)

# A module starts in training mode: calling it drops elements.
drops_by_default = not torch.equal(dropout(x), x)
print(f"drops by default: {drops_by_default} (training mode: {dropout.training})")
assert drops_by_default  # proof: default-mode
y = dropout(x)
zero_fraction = (y == 0).float().mean().item()
kept_value = y[y != 0].unique().tolist()
mean_output = y.mean().item()
print(f"fraction of zeros: {zero_fraction:.4f} (p = {p})")
print(f"kept elements become: {kept_value}, 1 / (1 - p) = {1 / (1 - p):.7f}")
print(f"mean output: {mean_output:.4f} (the input mean is 1: scaling keeps it)")
assert abs(zero_fraction - p) < 0.005 and abs(mean_output - 1) < 0.01  # proof: rates
assert len(kept_value) == 1 and abs(kept_value[0] - 1 / (1 - p)) < 1e-6  # proof: kept
# Every call draws a new random mask.
second = dropout(x)
new_mask_each_call = not torch.equal(second == 0, y == 0)
print(f"a second call drops other elements: {new_mask_each_call}")
assert new_mask_each_call  # proof: new-mask

# eval() switches dropout off: the input passes through untouched.
dropout.eval()
unchanged_at_inference = torch.equal(dropout(x), x)
print(f"after eval(), output equals input: {unchanged_at_inference}")
assert unchanged_at_inference  # proof: inference

# The functional form ignores the module's mode: its training flag defaults to True.
assert not torch.equal(nn.functional.dropout(x, p), x)  # proof: functional
