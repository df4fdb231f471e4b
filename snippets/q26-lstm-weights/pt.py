import numpy as np
import torch
from torch import nn

# On GPUs, cuDNN's recurrent kernels may round float32 to TF32; "ieee" keeps full
# float32.
torch.backends.cudnn.rnn.fp32_precision = "ieee"
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same seeded NumPy arrays in both files: 4 gate blocks in the order i, f, g (or
# c), o.
batch, steps, features, units = 2, 6, 3, 4
rng = np.random.default_rng(0)
x = rng.normal(size=(batch, steps, features)).astype("float32")
w_x = rng.normal(scale=0.5, size=(4, units, features)).astype("float32")
w_h = rng.normal(scale=0.5, size=(4, units, units)).astype("float32")
b_x = rng.normal(scale=0.1, size=(4, units)).astype("float32")
b_h = rng.normal(scale=0.1, size=(4, units)).astype("float32")

# PyTorch stores (4 * units, inputs) matrices, gate blocks stacked along the rows.
lstm = nn.LSTM(features, units, batch_first=True).to(device)
with torch.no_grad():
    lstm.weight_ih_l0.copy_(torch.from_numpy(w_x.reshape(4 * units, features)))
    lstm.weight_hh_l0.copy_(torch.from_numpy(w_h.reshape(4 * units, units)))
    lstm.bias_ih_l0.copy_(torch.from_numpy(b_x.reshape(-1)))
    lstm.bias_hh_l0.copy_(torch.from_numpy(b_h.reshape(-1)))

with torch.no_grad():
    sequence, (h, c) = lstm(torch.from_numpy(x).to(device))
# PyTorch's states carry a leading (layers * directions) axis; drop it to compare.
sequence, h, c = sequence.cpu(), h[0].cpu(), c[0].cpu()
print(f"last output of sequence 0: {sequence[0, -1].numpy()}")
print(f"h: {tuple(h.shape)}, c: {tuple(c.shape)}")
assert torch.equal(sequence[:, -1], h)  # proof: last-step
